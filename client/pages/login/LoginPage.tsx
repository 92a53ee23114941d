// Placeholder until the page is built.
import { Layout } from '../../components/Layout';

/** Placeholder page. */
export default function LoginPage() {
  return <Layout title="LoginPage">{null}</Layout>;
}

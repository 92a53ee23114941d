// Placeholder until the page is built.
import { Layout } from '../../components/Layout';

/** Placeholder page. */
export default function TeamPage() {
  return <Layout title="TeamPage">{null}</Layout>;
}

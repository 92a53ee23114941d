// Placeholder until the page is built.
import { Layout } from '../../components/Layout';

/** Placeholder page. */
export default function HomePage() {
  return <Layout title="HomePage">{null}</Layout>;
}

// Placeholder until the page is built.
import { Layout } from '../../components/Layout';

/** Placeholder page. */
export default function RoomsPage() {
  return <Layout title="RoomsPage">{null}</Layout>;
}

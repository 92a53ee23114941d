// Placeholder until the page is built.
import { Layout } from '../../components/Layout';

/** Placeholder page. */
export default function SetupPage(_props: { token: string }) {
  return <Layout title="SetupPage">{null}</Layout>;
}

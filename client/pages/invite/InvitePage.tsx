// Placeholder until the page is built.
import { Layout } from '../../components/Layout';

/** Placeholder page. */
export default function InvitePage(_props: { token: string }) {
  return <Layout title="InvitePage">{null}</Layout>;
}

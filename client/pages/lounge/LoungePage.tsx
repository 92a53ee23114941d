// Placeholder: the lounge page (pre-join, lobby and call) for /r/<handle>.
import { Layout } from '../../components/Layout';

/** The lounge page. */
export function LoungePage({ handle }: { handle: string }) {
  return <Layout title={handle}>{null}</Layout>;
}

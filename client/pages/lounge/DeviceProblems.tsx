// Clear, specific messages when the camera or microphone cannot be used, with a retry.
import { useTranslation } from 'react-i18next';
import type { LocalMedia } from '../../call/LocalMedia';
import { useStore } from '../../call/store';

/** Explains each device problem and offers to try again. */
export function DeviceProblems({ media }: { media: LocalMedia }) {
  const { t } = useTranslation('lounge');
  const { cameraProblem, micProblem, busy } = useStore(media);
  if (!cameraProblem && !micProblem) return null;
  return (
    <div className="notice device-error" data-testid="device-error" role="alert">
      {cameraProblem && <p>{t(`device.camera.${cameraProblem}`)}</p>}
      {micProblem && <p>{t(`device.mic.${micProblem}`)}</p>}
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          media.wantDevices();
          void media.start();
        }}
      >
        {t('prejoin.retry')}
      </button>
    </div>
  );
}

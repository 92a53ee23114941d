// The local camera, microphone and screen share: acquiring, switching, muting and releasing them.
import { classifyMediaError } from './deviceErrors';
import type { DeviceProblem } from './deviceErrors';
import { loadPreferences, savePreferences } from './preferences';
import { Store } from './store';

/** A selectable device as the pickers show it. */
export interface DeviceOption {
  deviceId: string;
  label: string;
}

/** The local screen share: its track and the stream whose id is announced to the others. */
export interface ScreenShare {
  track: MediaStreamTrack;
  stream: MediaStream;
}

/** Everything the UI needs to know about local media. */
export interface LocalMediaState {
  /** The open microphone track (may be muted through `micOn`). */
  mic: MediaStreamTrack | null;
  /** The open camera track; null while the camera is off. */
  camera: MediaStreamTrack | null;
  /** A stream with just the camera, for the self view. */
  preview: MediaStream | null;
  micOn: boolean;
  cameraOn: boolean;
  screen: ScreenShare | null;
  cameras: DeviceOption[];
  mics: DeviceOption[];
  cameraId: string | null;
  micId: string | null;
  cameraProblem: DeviceProblem | null;
  micProblem: DeviceProblem | null;
  screenProblem: DeviceProblem | null;
  /** True while a getUserMedia request is pending. */
  busy: boolean;
}

type Kind = 'audio' | 'video';

function mediaDevices(): MediaDevices | null {
  return (globalThis.navigator as Navigator | undefined)?.mediaDevices ?? null;
}

function constraintsFor(kind: Kind, deviceId: string | null): MediaStreamConstraints {
  // `exact`: Chromium ignores an `ideal` device and opens the default one.
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  // 640×360, not more: a call starts at WebRTC's start bitrate (300 kbps), at which Chromium's
  // encoder throws away every first frame larger than 640×480 and steps the size down until a
  // frame fits. With 960×540 that cost three dropped frames (150 ms at 20 fps) before the first
  // picture, which then went out at 320×180 anyway.
  return kind === 'video'
    ? { video: { ...device, width: { ideal: 640 }, height: { ideal: 360 } } }
    : { audio: { ...device, echoCancellation: true, noiseSuppression: true } };
}

/**
 * Opens one device, the remembered one if given. A remembered device that is gone (unplugged, or
 * another machine) is not an error for the person: the default device is opened instead.
 */
async function openDevice(
  devices: MediaDevices,
  kind: Kind,
  deviceId: string | null,
): Promise<MediaStream> {
  try {
    return await devices.getUserMedia(constraintsFor(kind, deviceId));
  } catch (error) {
    if (!deviceId || classifyMediaError(error) !== 'missing') throw error;
    return devices.getUserMedia(constraintsFor(kind, null));
  }
}

/** Owns the local tracks; every change produces a new snapshot for React and the call. */
export class LocalMedia extends Store<LocalMediaState> {
  private disposed = false;

  constructor() {
    const prefs = loadPreferences();
    super({
      mic: null,
      camera: null,
      preview: null,
      micOn: true,
      cameraOn: true,
      screen: null,
      cameras: [],
      mics: [],
      cameraId: prefs.cameraId,
      micId: prefs.micId,
      cameraProblem: null,
      micProblem: null,
      screenProblem: null,
      busy: false,
    });
  }

  /** Starts following device changes (plugged or unplugged cameras); undo with `dispose()`. */
  activate(): void {
    this.disposed = false;
    mediaDevices()?.addEventListener?.('devicechange', this.handleDeviceChange);
  }

  /** Opens camera and microphone as wanted (one permission prompt for both), then lists devices. */
  async start(): Promise<void> {
    const { cameraOn, micOn, cameraId, micId } = this.getSnapshot();
    const devices = mediaDevices();
    if (!devices) {
      this.update({ cameraProblem: 'unsupported', micProblem: 'unsupported' });
      return;
    }
    this.update({ busy: true });
    const wantVideo = cameraOn && !this.getSnapshot().camera;
    const wantAudio = !this.getSnapshot().mic;
    if (wantVideo && wantAudio) {
      try {
        const stream = await devices.getUserMedia({
          ...constraintsFor('video', cameraId),
          ...constraintsFor('audio', micId),
        });
        if (this.disposed) return stopAll(stream.getTracks());
        const camera = stream.getVideoTracks()[0] ?? null;
        const mic = stream.getAudioTracks()[0] ?? null;
        if (mic) mic.enabled = micOn;
        this.update({
          camera,
          mic,
          preview: camera ? new MediaStream([camera]) : null,
          cameraProblem: null,
          micProblem: null,
        });
      } catch {
        // Try each device alone to tell the person which one is the problem.
        await this.acquire('video');
        await this.acquire('audio');
      }
    } else {
      if (wantVideo) await this.acquire('video');
      if (wantAudio) await this.acquire('audio');
    }
    this.update({ busy: false });
    await this.refreshDevices();
  }

  /** The tracks the call sends right now. */
  outgoing(): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } {
    const s = this.getSnapshot();
    return { audio: s.mic, video: s.camera };
  }

  /** Turns the camera on (opening it) or off (releasing it, so its light goes out). */
  async setCameraOn(on: boolean): Promise<void> {
    if (!on) {
      this.getSnapshot().camera?.stop();
      this.update({ cameraOn: false, camera: null, preview: null });
      return;
    }
    this.update({ cameraOn: true });
    if (!this.getSnapshot().camera) await this.acquire('video');
  }

  /** Mutes or unmutes the microphone, opening it first when there is none yet. */
  async setMicOn(on: boolean): Promise<void> {
    const { mic } = this.getSnapshot();
    if (on && !mic) {
      this.update({ micOn: true });
      await this.acquire('audio');
      return;
    }
    if (mic) mic.enabled = on;
    this.update({ micOn: on });
  }

  /** Switches to another camera and remembers it. */
  async selectCamera(deviceId: string): Promise<void> {
    savePreferences({ cameraId: deviceId });
    this.update({ cameraId: deviceId });
    if (!this.getSnapshot().cameraOn) return;
    this.getSnapshot().camera?.stop();
    this.update({ camera: null, preview: null });
    await this.acquire('video');
  }

  /** Switches to another microphone and remembers it. */
  async selectMic(deviceId: string): Promise<void> {
    savePreferences({ micId: deviceId });
    this.update({ micId: deviceId });
    if (!this.getSnapshot().mic) return;
    this.getSnapshot().mic?.stop();
    this.update({ mic: null });
    await this.acquire('audio');
  }

  /** Listener mode: releases camera and microphone, sends nothing. */
  releaseDevices(): void {
    const { camera, mic } = this.getSnapshot();
    camera?.stop();
    mic?.stop();
    this.update({
      camera: null,
      mic: null,
      preview: null,
      cameraOn: false,
      micOn: false,
      cameraProblem: null,
      micProblem: null,
    });
  }

  /** Starts sharing a screen or window; resolves false when the person cancelled or it failed. */
  async startScreen(): Promise<boolean> {
    const devices = mediaDevices();
    if (!devices?.getDisplayMedia) {
      this.update({ screenProblem: 'unsupported' });
      return false;
    }
    try {
      const stream = await devices.getDisplayMedia({ video: true, audio: false });
      const track = stream.getVideoTracks()[0];
      if (!track || this.disposed) {
        stopAll(stream.getTracks());
        return false;
      }
      // Text on slides matters more than motion.
      track.contentHint = 'detail';
      track.addEventListener('ended', () => {
        if (this.getSnapshot().screen?.track === track) this.update({ screen: null });
      });
      this.update({ screen: { track, stream }, screenProblem: null });
      return true;
    } catch (error) {
      const problem = classifyMediaError(error);
      // Cancelling the picker is a NotAllowedError too; that is a choice, not a problem.
      this.update({ screenProblem: problem === 'denied' ? null : problem });
      return false;
    }
  }

  /** Stops the screen share. */
  stopScreen(): void {
    const { screen } = this.getSnapshot();
    if (!screen) return;
    stopAll(screen.stream.getTracks());
    this.update({ screen: null });
  }

  /** Releases everything; the object can be started again afterwards. */
  stopAll(): void {
    this.stopScreen();
    const { camera, mic } = this.getSnapshot();
    camera?.stop();
    mic?.stop();
    this.update({ camera: null, mic: null, preview: null });
  }

  /** Releases everything and ignores requests still pending; `activate()` undoes this. */
  dispose(): void {
    this.disposed = true;
    this.stopAll();
    mediaDevices()?.removeEventListener?.('devicechange', this.handleDeviceChange);
  }

  /** Restores the wish to use camera and microphone (after listener mode or leaving). */
  wantDevices(): void {
    this.update({ cameraOn: true, micOn: true });
  }

  private async acquire(kind: Kind): Promise<void> {
    const devices = mediaDevices();
    const problemKey = kind === 'video' ? 'cameraProblem' : 'micProblem';
    if (!devices) {
      this.update({ [problemKey]: 'unsupported' });
      return;
    }
    const s = this.getSnapshot();
    try {
      const stream = await openDevice(devices, kind, kind === 'video' ? s.cameraId : s.micId);
      const track = (kind === 'video' ? stream.getVideoTracks() : stream.getAudioTracks())[0];
      const current = this.getSnapshot();
      const stillWanted = kind === 'video' ? current.cameraOn : true;
      if (!track || this.disposed || !stillWanted) return stopAll(stream.getTracks());
      if (kind === 'video') {
        current.camera?.stop();
        this.update({ camera: track, preview: new MediaStream([track]), cameraProblem: null });
      } else {
        current.mic?.stop();
        track.enabled = current.micOn;
        this.update({ mic: track, micProblem: null });
      }
      await this.refreshDevices();
    } catch (error) {
      this.update({ [problemKey]: classifyMediaError(error) });
    }
  }

  private readonly handleDeviceChange = (): void => {
    void this.refreshDevices();
  };

  private readonly refreshDevices = async (): Promise<void> => {
    const devices = mediaDevices();
    if (!devices?.enumerateDevices) return;
    let list: MediaDeviceInfo[];
    try {
      list = await devices.enumerateDevices();
    } catch {
      return;
    }
    const pick = (kind: MediaDeviceKind): DeviceOption[] =>
      list
        .filter((d) => d.kind === kind && d.deviceId !== '')
        .map((d) => ({ deviceId: d.deviceId, label: d.label }));
    const s = this.getSnapshot();
    const cameraId = s.camera?.getSettings().deviceId ?? s.cameraId;
    const micId = s.mic?.getSettings().deviceId ?? s.micId;
    this.update({ cameras: pick('videoinput'), mics: pick('audioinput'), cameraId, micId });
  };
}

function stopAll(tracks: MediaStreamTrack[]): void {
  for (const track of tracks) track.stop();
}

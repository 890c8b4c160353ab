/** Timelapse speeds offered (kept apart from the recorder, which loads only when used). */
export const TIMELAPSE_SPEEDS = [16, 64, 256] as const;

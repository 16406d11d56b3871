/**
 * FFmpeg media I/O for video2gif, in process through the JavaCPP FFmpeg presets (the libraries JavaCV wraps):
 * no {@code ffmpeg} program and no libavdevice are needed.
 *
 * <ul>
 *   <li>{@link io.github.video2gif.ffmpeg.FfmpegVideoDecoder} (provider {@code ffmpeg}, priority 100): streaming
 *       RGB frames at a requested size with exact presentation timestamps, rotation and pixel aspect applied,
 *       frame-accurate ranges, and precise exceptions for bad files.</li>
 *   <li>{@link io.github.video2gif.ffmpeg.FfmpegGifEncoder} (provider {@code ffmpeg}, priority 50): FFmpeg's
 *       palettegen/paletteuse GIF route, the quality reference.</li>
 *   <li>{@link io.github.video2gif.ffmpeg.FfmpegWebpEncoder} (provider {@code webp}, format {@code webp}) and
 *       {@link io.github.video2gif.ffmpeg.FfmpegMp4Encoder} (provider {@code mp4}, format {@code mp4}): the
 *       command line's {@code --format webp|mp4}, animated WebP through libwebp and H.264 video.</li>
 *   <li>{@link io.github.video2gif.ffmpeg.FfmpegVideoWriter}: writes frames to MP4/WebM/WebP (exports, test
 *       clips, demos, benchmarks).</li>
 *   <li>{@link io.github.video2gif.ffmpeg.FfmpegNatives}: loads the natives once and keeps FFmpeg quiet unless
 *       {@code video2gif.debug=true}.</li>
 * </ul>
 *
 * Every output file is written under a temporary name next to its target and moved into place only when
 * complete.
 */
package io.github.video2gif.ffmpeg;

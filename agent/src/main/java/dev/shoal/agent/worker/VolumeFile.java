package dev.shoal.agent.worker;

import java.util.Arrays;

/** One file of a volume the node writes: its bytes and permission bits. */
record VolumeFile(byte[] content, int mode) {

  @Override
  public boolean equals(Object o) {
    return o instanceof VolumeFile f && f.mode == mode && Arrays.equals(f.content, content);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(content) + mode;
  }

  /** Names the size and mode only: the content may be a secret. */
  @Override
  public String toString() {
    return "VolumeFile[" + content.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
  }
}

package dev.shoal.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-made pause ELF and the tar writer, checked without Docker. */
class BuildContextTest {

  @Test
  void pauseIsASmallStaticX8664ExecutableWhoseEntryPointIsItsCode() {
    byte[] elf = PauseBinary.bytes();
    assertTrue(elf.length < 256, "size " + elf.length);
    assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, java.util.Arrays.copyOf(elf, 7));
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, b.getShort(16), "ET_EXEC");
    assertEquals(0x3e, b.getShort(18), "x86-64");
    assertEquals(PauseBinary.BASE + 120, b.getLong(24), "entry right after the headers");
    assertEquals(1, b.getInt(64), "PT_LOAD");
    assertEquals(elf.length, b.getLong(64 + 32), "the segment maps the whole file");
  }

  @Test
  void pauseRunsAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
    Path exe = dir.resolve("pause");
    Files.write(exe, PauseBinary.bytes());
    assertTrue(exe.toFile().setExecutable(true));
    Process p = new ProcessBuilder(exe.toString()).start();
    assertTrue(p.isAlive());
    assertTrue(!p.waitFor(200, TimeUnit.MILLISECONDS), "pause keeps running");
    p.destroy();
    assertTrue(p.waitFor(5, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "SIGTERM handler exits 0");
  }

  @Test
  void tarHasUstarHeadersThatTarCanList(@TempDir Path dir) throws Exception {
    byte[] tar =
        new TarArchive()
            .add("Dockerfile", "FROM scratch\n")
            .add("pause", new byte[] {1, 2, 3}, 0755)
            .bytes();
    assertEquals(0, tar.length % 512);
    assertEquals("ustar", new String(tar, 257, 5, StandardCharsets.US_ASCII));
    Path file = dir.resolve("ctx.tar");
    Files.write(file, tar);
    Process p =
        new ProcessBuilder("tar", "-tvf", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(
        out.contains("Dockerfile") && out.contains("-rwxr-xr-x") && out.contains("pause"), out);
  }
}

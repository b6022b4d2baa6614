package dev.shoal.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Finding a container's cgroup files on v1 and v2, with the cgroupfs and systemd drivers. */
class CgroupLayoutTest {

  private static final String ID = Fixtures.CONTAINER_ID;

  /**
   * case, Docker's driver and version, the container's cpu and memory directories (below the case's
   * sys/fs/cgroup), and the reading its files hold: CPU ns, working set bytes.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "v1-cgroupfs",
            "cgroupfs",
            "1",
            "cpuacct/docker/" + ID,
            "memory/docker/" + ID,
            32_416_874L,
            2_191_360L - 1_445_888L),
        Arguments.of(
            "v1-systemd",
            "systemd",
            "1",
            "cpu,cpuacct/system.slice/docker-" + ID + ".scope",
            "memory/system.slice/docker-" + ID + ".scope",
            987_654_321_012L,
            104_857_600L - 20_971_520L),
        Arguments.of(
            "v2-cgroupfs",
            "cgroupfs",
            "2",
            "docker/" + ID,
            "docker/" + ID,
            2_234_567_000L,
            6_987_776L - 1_024_000L),
        Arguments.of(
            "v2-systemd",
            "systemd",
            "2",
            "system.slice/docker-" + ID + ".scope",
            "system.slice/docker-" + ID + ".scope",
            2_234_567_000L,
            6_987_776L - 1_024_000L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void placesTheContainerFromItsProcessAndReadsItsFiles(
      String name,
      String driver,
      String version,
      String cpuDir,
      String memoryDir,
      long cpuNanos,
      long workingSet)
      throws Exception {
    Path cgroupRoot = Fixtures.root().resolve(name).resolve("sys/fs/cgroup");
    CgroupLayout layout = CgroupLayout.detect(driver, version, Fixtures.mountinfo(name));
    assertEquals(Integer.parseInt(version), layout.version());
    assertEquals(driver, layout.driver());

    ContainerCgroup fromProcess = layout.fromProcCgroup(Fixtures.pidCgroup(name));
    assertEquals(cgroupRoot.resolve(cpuDir), fromProcess.cpuDir());
    assertEquals(cgroupRoot.resolve(memoryDir), fromProcess.memoryDir());
    // Docker's default placement for the driver is the same place
    assertEquals(fromProcess, layout.conventional(ID));

    try (ContainerReader reader = new ContainerReader(fromProcess)) {
      Buffers buffers = new Buffers();
      assertEquals(new Reading(cpuNanos, workingSet), reader.read(buffers));
      assertEquals(new Reading(cpuNanos, workingSet), reader.read(buffers), "read again");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void versionMissingFromAnOldEngineComesFromTheMounts(String name, String driver, String version)
      throws Exception {
    // v1 hosts of the fixtures also mount a unified hierarchy (hybrid): v1 controllers win
    assertEquals(
        Integer.parseInt(version),
        CgroupLayout.detect(driver, "", Fixtures.mountinfo(name)).version());
  }

  @Test
  void aHierarchyMountedFromBelowTheRootIsFollowed() {
    // inside a cgroup namespace the mount's root is the namespace's own cgroup
    CgroupLayout.Mount mount = new CgroupLayout.Mount("/docker/abc", Path.of("/sys/fs/cgroup"));
    assertEquals(Path.of("/sys/fs/cgroup/inner"), mount.directory("/docker/abc/inner"));
    assertEquals(Path.of("/sys/fs/cgroup"), mount.directory("/docker/abc"));
    assertEquals(Path.of("/sys/fs/cgroup/other"), mount.directory("/other"));
  }

  @Test
  void aCgroupParentOfTheEngineComesFromTheProcess() {
    CgroupLayout layout = CgroupLayout.detect("cgroupfs", "1", Fixtures.mountinfo("v1-cgroupfs"));
    ContainerCgroup cgroup =
        layout.fromProcCgroup("4:memory:/shoal-testbed-h1/x\n2:cpuacct:/shoal-testbed-h1/x\n");
    assertTrue(cgroup.cpuDir().endsWith("cpuacct/shoal-testbed-h1/x"), cgroup.toString());
    assertTrue(cgroup.memoryDir().endsWith("memory/shoal-testbed-h1/x"), cgroup.toString());
    assertNull(layout.fromProcCgroup("0::/only-unified\n"), "no v1 cpuacct line");
  }

  @Test
  void missingHierarchiesAndUnknownAnswersAreSaid() {
    String v2only = Fixtures.mountinfo("v2-systemd");
    IllegalStateException noV1 =
        assertThrows(
            IllegalStateException.class, () -> CgroupLayout.detect("systemd", "1", v2only));
    assertTrue(noV1.getMessage().contains("cpuacct"), noV1.getMessage());
    IllegalStateException noV2 =
        assertThrows(
            IllegalStateException.class,
            () -> CgroupLayout.detect("cgroupfs", "2", "1 0 0:1 / / rw - ext4 /dev/sda rw\n"));
    assertTrue(noV2.getMessage().contains("cgroup2"), noV2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CgroupLayout.detect("weird", "2", v2only));
  }
}

package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.shoal.agent.runtime.RuntimeFailure;
import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the pause image, or builds it from {@link PauseBinary} ({@code FROM scratch}, one file)
 * when Shoal's own default is missing. A user-configured image is never built: its absence is
 * reported. Blocking.
 */
final class SandboxImage {
  private final DockerClient docker;
  private final String image;
  private final boolean buildable;
  private volatile boolean present;

  SandboxImage(DockerClient docker, String image, boolean buildable) {
    this.docker = docker;
    this.image = image;
    this.buildable = buildable;
  }

  synchronized String ensure() {
    if (present) {
      return image;
    }
    try {
      docker.inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      if (!buildable) {
        throw new RuntimeFailure(
            RuntimeFailure.Kind.IMAGE_NOT_PRESENT,
            "the configured sandbox image "
                + image
                + " is not present on this node; load it or drop the setting"
                + " to let Shoal build "
                + DockerConfig.DEFAULT_SANDBOX_IMAGE);
      }
      byte[] context =
          new TarArchive()
              .add("Dockerfile", "FROM scratch\nCOPY pause /pause\nENTRYPOINT [\"/pause\"]\n")
              .add("pause", PauseBinary.bytes(), 0755)
              .bytes();
      build(docker, image, context);
    }
    present = true;
    return image;
  }

  static String build(DockerClient docker, String tag, byte[] tarContext) {
    return docker
        .buildImageCmd()
        .withTarInputStream(new ByteArrayInputStream(tarContext))
        .withTags(Set.of(tag))
        .withPull(false)
        .withRemove(true)
        .exec(new BuildImageResultCallback())
        .awaitImageId(110, TimeUnit.SECONDS);
  }
}

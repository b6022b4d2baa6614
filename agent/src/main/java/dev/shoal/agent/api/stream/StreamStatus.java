package dev.shoal.agent.api.stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code meta/v1 Status} documents sent on the error channel, shaped as the kubelet's: success,
 * a non-zero exit (reason {@code NonZeroExitCode}, the code as the message of a cause of type
 * {@code ExitCode}, which kubectl turns into its own exit code), or another failure.
 */
public final class StreamStatus {
  private StreamStatus() {}

  public static JsonObject success() {
    return new JsonObject().put("metadata", new JsonObject()).put("status", "Success");
  }

  public static JsonObject exitCode(List<String> command, int code) {
    return new JsonObject()
        .put("metadata", new JsonObject())
        .put("status", "Failure")
        .put(
            "message",
            "command terminated with non-zero exit code: error executing command "
                + command
                + ", exit code "
                + code)
        .put("reason", "NonZeroExitCode")
        .put(
            "details",
            new JsonObject()
                .put(
                    "causes",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("reason", "ExitCode")
                                .put("type", "ExitCode")
                                .put("message", Integer.toString(code)))));
  }

  public static JsonObject failure(String message) {
    return new JsonObject()
        .put("metadata", new JsonObject())
        .put("status", "Failure")
        .put("message", message)
        .put("reason", "InternalError")
        .put("code", 500);
  }
}

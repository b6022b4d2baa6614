package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.RuntimeFailure.Kind;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Turns docker-java and transport exceptions into classed {@link RuntimeFailure}s. */
final class DockerErrors {
  private DockerErrors() {}

  static RuntimeFailure classify(String what, Throwable t) {
    if (t instanceof RuntimeFailure f) {
      return f;
    }
    Kind kind;
    if (t instanceof NotFoundException) {
      kind = Kind.NOT_FOUND;
    } else if (t instanceof ConflictException) {
      kind = Kind.CONFLICT;
    } else if (t instanceof BadRequestException) {
      kind = Kind.FATAL;
    } else if (t instanceof DockerException d) {
      kind = d.getHttpStatus() >= 500 ? Kind.TEMPORARY : Kind.FATAL;
    } else if (t instanceof TimeoutException
        || t instanceof InterruptedException
        || hasCause(t, IOException.class)) {
      kind = Kind.TEMPORARY;
    } else {
      kind = Kind.FATAL;
    }
    return new RuntimeFailure(kind, what + ": " + message(t), null, t);
  }

  /** The engine's own words, without docker-java's "Status 500: {"message":...}" wrapping. */
  static String message(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().trim();
    int at = m.indexOf("\"message\":\"");
    if (at >= 0) {
      int end = m.lastIndexOf('"');
      if (end > at + 11) {
        m = m.substring(at + 11, end).replace("\\\"", "\"");
      }
    }
    return m;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}

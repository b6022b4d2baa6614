package dev.shoal.agent.api;

import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventsV1Event;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Resource;
import java.util.Optional;
import java.util.function.Function;

/**
 * The field selectors of events, as upstream: {@code involvedObject.*} (or {@code regarding.*}),
 * {@code reason}, {@code type}, {@code source}, {@code reportingComponent} (or {@code
 * reportingController}), on either view. Other kinds have none of these fields: they match only an
 * empty value.
 */
final class EventFields {
  static final String SUPPORTED =
      "involvedObject.kind, involvedObject.namespace, involvedObject.name, "
          + "involvedObject.uid, involvedObject.apiVersion, involvedObject.fieldPath, reason, type, source, "
          + "reportingComponent (regarding.* and reportingController for events.k8s.io)";

  private EventFields() {}

  static Optional<Function<Resource, String>> field(String name) {
    String part =
        name.startsWith("involvedObject.")
            ? name.substring("involvedObject.".length())
            : name.startsWith("regarding.") ? name.substring("regarding.".length()) : null;
    if (part != null) {
      Function<ObjectReference, String> get =
          switch (part) {
            case "kind" -> ObjectReference::kind;
            case "namespace" -> ObjectReference::namespace;
            case "name" -> ObjectReference::name;
            case "uid" -> ObjectReference::uid;
            case "apiVersion" -> ObjectReference::apiVersion;
            case "resourceVersion" -> ObjectReference::resourceVersion;
            case "fieldPath" -> ObjectReference::fieldPath;
            default -> null;
          };
      return get == null
          ? Optional.empty()
          : Optional.of(
              o -> {
                ObjectReference about = about(o);
                return about == null ? "" : orEmpty(get.apply(about));
              });
    }
    return switch (name) {
      case "reason" ->
          Optional.of(
              o ->
                  orEmpty(
                      o instanceof Event e
                          ? e.reason()
                          : o instanceof EventsV1Event v ? v.reason() : null));
      case "type" ->
          Optional.of(
              o ->
                  orEmpty(
                      o instanceof Event e
                          ? e.type()
                          : o instanceof EventsV1Event v ? v.type() : null));
      case "source" ->
          Optional.of(
              o ->
                  orEmpty(
                      o instanceof Event e && e.source() != null
                          ? e.source().component()
                          : o instanceof EventsV1Event v && v.deprecatedSource() != null
                              ? v.deprecatedSource().component()
                              : null));
      case "reportingComponent", "reportingController" ->
          Optional.of(
              o ->
                  orEmpty(
                      o instanceof Event e
                          ? e.reportingComponent()
                          : o instanceof EventsV1Event v ? v.reportingController() : null));
      default -> Optional.empty();
    };
  }

  private static ObjectReference about(Resource o) {
    return o instanceof Event e
        ? e.involvedObject()
        : o instanceof EventsV1Event v ? v.regarding() : null;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.Event;
import java.util.List;

/**
 * Events as the Kubernetes API server checks them: what they are about and why are required, the
 * type is Normal or Warning, reason and message have their upstream length limits, and an event
 * about a namespaced object lives in that object's namespace.
 */
final class EventRules {
  static final int MAX_REASON = 128;
  static final int MAX_MESSAGE = 4096;
  static final int MAX_REPORTING_INSTANCE = 128;

  private EventRules() {}

  static void validate(List<FieldError> errors, Event event) {
    if (event.involvedObject() == null) {
      errors.add(FieldError.required("involvedObject", "must be specified"));
    } else {
      Checks.required(errors, "involvedObject.kind", event.involvedObject().kind());
      Checks.required(errors, "involvedObject.name", event.involvedObject().name());
      String namespace = event.involvedObject().namespace();
      String own = event.metadata() == null ? null : event.metadata().namespace();
      if (Checks.present(namespace) && !namespace.equals(own)) {
        errors.add(
            FieldError.invalid(
                "involvedObject.namespace",
                "\"" + namespace + "\": does not match event.namespace"));
      }
    }
    Checks.required(errors, "reason", event.reason());
    Checks.oneOf(errors, "type", event.type(), List.of(Event.NORMAL, Event.WARNING));
    atMost(errors, "reason", event.reason(), MAX_REASON);
    atMost(errors, "message", event.message(), MAX_MESSAGE);
    atMost(errors, "reportingInstance", event.reportingInstance(), MAX_REPORTING_INSTANCE);
    Checks.name(errors, "reportingComponent", event.reportingComponent(), Names::qualifiedName);
    Checks.atLeast(errors, "count", event.count(), 1);
    if (event.firstTimestamp() != null
        && event.lastTimestamp() != null
        && event.lastTimestamp().isBefore(event.firstTimestamp())) {
      errors.add(FieldError.invalid("lastTimestamp", "must not be before firstTimestamp"));
    }
  }

  private static void atMost(List<FieldError> errors, String path, String value, int max) {
    if (value != null && value.length() > max) {
      errors.add(FieldError.tooLong(path, "may not be more than " + max + " characters"));
    }
  }
}

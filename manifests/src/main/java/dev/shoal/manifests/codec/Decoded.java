package dev.shoal.manifests.codec;

import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.validation.FieldError;
import java.util.List;

/**
 * One decoded document: a typed resource plus warnings, or the errors that stopped it, each with a
 * field path.
 */
public sealed interface Decoded permits Decoded.Ok, Decoded.Failed {

  record Ok(Resource resource, List<Warning> warnings) implements Decoded {
    public Ok {
      warnings = List.copyOf(warnings);
    }
  }

  record Failed(List<FieldError> errors) implements Decoded {
    public Failed {
      errors = List.copyOf(errors);
    }
  }

  static Decoded failed(FieldError error) {
    return new Failed(List.of(error));
  }
}

package dev.shoal.agent.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.validation.FieldError;
import dev.shoal.manifests.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * What every write through the API passes before it reaches the store: Kubernetes defaulting, then
 * validation (and, for updates, the immutable-field checks). Pure; the caller turns errors into a
 * 422.
 */
public final class Admission {

  private final ObjectMapper mapper = Json.mapper();

  /**
   * The object to create with every defaulted field filled in, and the finalizers the API adds to
   * new objects (claims' and volumes' protection, see {@link StorageDefaults#protect}).
   */
  public Resource withDefaults(Resource object) {
    return StorageDefaults.protect(defaulted(object));
  }

  private Resource defaulted(Resource object) {
    ObjectNode tree = mapper.valueToTree(object);
    Defaults.apply(object.kind(), tree);
    try {
      return mapper.treeToValue(tree, object.getClass());
    } catch (JsonProcessingException e) {
      // The tree came from a valid object and defaulting only adds well-typed fields.
      throw new IllegalStateException(
          "defaulting broke a " + object.kind() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The defaults for an update of {@code stored}: what the API generated on create and the update
   * leaves out (a Job's selector) is kept, then every defaulted field is filled in.
   */
  public Resource withDefaults(Resource stored, Resource incoming) {
    return defaulted(JobCarryOver.apply(stored, incoming));
  }

  public List<FieldError> validateCreate(Resource object) {
    return Validator.validate(object);
  }

  public List<FieldError> validateUpdate(Resource stored, Resource updated) {
    List<FieldError> errors = new ArrayList<>(Validator.validate(updated));
    errors.addAll(Validator.validateUpdate(stored, updated));
    return errors;
  }
}

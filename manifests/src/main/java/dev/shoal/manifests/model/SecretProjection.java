package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A secret's keys in a projected volume: every key, or only the {@code items} listed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretProjection(String name, List<KeyToPath> items, Boolean optional) {

  public List<KeyToPath> itemsOrEmpty() {
    return items == null ? List.of() : items;
  }
}

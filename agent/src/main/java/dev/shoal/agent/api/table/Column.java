package dev.shoal.agent.api.table;

/**
 * One column of a Table, as {@code meta.k8s.io/v1 TableColumnDefinition}: columns of priority 0 are
 * shown by {@code kubectl get}, those of priority 1 only with {@code -o wide}.
 */
public record Column(String name, String type, String format, String description, int priority) {

  /** The first column of nearly every kind: the object's name. */
  public static Column objectName() {
    return new Column(
        "Name", "string", "name", "Name must be unique within a namespace. Cannot be updated.", 0);
  }

  /** How long ago the object was created. */
  public static Column age() {
    return text(
        "Age",
        "CreationTimestamp is a timestamp representing the server time when this object was"
            + " created.");
  }

  public static Column text(String name, String description) {
    return new Column(name, "string", "", description, 0);
  }

  public static Column integer(String name, String description) {
    return new Column(name, "integer", "", description, 0);
  }

  /** A column shown only with {@code -o wide}. */
  public static Column wide(String name, String description) {
    return new Column(name, "string", "", description, 1);
  }
}

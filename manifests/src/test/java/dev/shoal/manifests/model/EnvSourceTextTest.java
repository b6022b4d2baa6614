package dev.shoal.manifests.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The text of env sources is part of the agent's container hash: a container that reads a secret
 * must print as it did before config map and downward API sources existed, or every such container
 * would be replaced when the agent is upgraded.
 */
class EnvSourceTextTest {

  @Test
  void secretSourcesPrintAsBefore() {
    assertEquals(
        "EnvVar[name=A, value=null, valueFrom=EnvVarSource[secretKeyRef="
            + "SecretKeySelector[name=s, key=k, optional=null]]]",
        new EnvVar("A", null, new EnvVarSource(new SecretKeySelector("s", "k", null))).toString());
    assertEquals(
        "EnvFromSource[prefix=P_, secretRef=SecretEnvSource[name=s, optional=true]]",
        new EnvFromSource("P_", new SecretEnvSource("s", true)).toString());
  }

  @Test
  void otherSourcesNameThemselves() {
    assertEquals(
        "EnvVarSource[fieldRef=ObjectFieldSelector[apiVersion=null, fieldPath=metadata.name]]",
        EnvVarSource.field("metadata.name").toString());
    assertEquals(
        "EnvFromSource[prefix=null, configMapRef=ConfigMapEnvSource[name=c, optional=null],"
            + " secretRef=null]",
        new EnvFromSource(null, new ConfigMapEnvSource("c", null)).toString());
  }
}

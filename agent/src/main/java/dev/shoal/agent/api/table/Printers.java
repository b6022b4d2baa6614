package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.ControllerRevision;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventsV1Event;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.StatefulSet;
import dev.shoal.manifests.model.StorageClass;
import java.util.Map;

/** The printer of each kind; kinds without one of their own print {@code NAME AGE}. */
public final class Printers {

  private static final Printer<Resource> NAME_AGE = new NameAgePrinter();

  private static final Map<Class<? extends Resource>, Printer<?>> BY_TYPE =
      Map.ofEntries(
          Map.entry(Pod.class, new PodPrinter()),
          Map.entry(Deployment.class, new DeploymentPrinter()),
          Map.entry(DaemonSet.class, new DaemonSetPrinter()),
          Map.entry(HorizontalPodAutoscaler.class, new HorizontalPodAutoscalerPrinter()),
          Map.entry(ReplicaSet.class, new ReplicaSetPrinter()),
          Map.entry(Service.class, new ServicePrinter()),
          Map.entry(Endpoints.class, new EndpointsPrinter()),
          Map.entry(Node.class, new NodePrinter()),
          Map.entry(Namespace.class, new NamespacePrinter()),
          Map.entry(Event.class, new EventPrinter()),
          Map.entry(EventsV1Event.class, new EventPrinter()),
          Map.entry(Secret.class, new SecretPrinter()),
          Map.entry(ConfigMap.class, new ConfigMapPrinter()),
          Map.entry(NetworkPolicy.class, new NetworkPolicyPrinter()),
          Map.entry(Job.class, new JobPrinter()),
          Map.entry(CronJob.class, new CronJobPrinter()),
          Map.entry(PodDisruptionBudget.class, new PodDisruptionBudgetPrinter()),
          Map.entry(IPAddress.class, new IpAddressPrinter()),
          Map.entry(StatefulSet.class, new StatefulSetPrinter()),
          Map.entry(PersistentVolumeClaim.class, new StoragePrinters.Claims()),
          Map.entry(PersistentVolume.class, new StoragePrinters.Volumes()),
          Map.entry(StorageClass.class, new StoragePrinters.Classes()),
          Map.entry(ControllerRevision.class, new StoragePrinters.Revisions()));

  private Printers() {}

  /** The printer of objects of {@code type}. */
  @SuppressWarnings("unchecked")
  public static Printer<Resource> of(Class<? extends Resource> type) {
    Printer<?> printer = BY_TYPE.get(type);
    return printer == null ? NAME_AGE : (Printer<Resource>) printer;
  }
}

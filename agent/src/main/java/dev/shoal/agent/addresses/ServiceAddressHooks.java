package dev.shoal.agent.addresses;

import dev.shoal.agent.api.ApiError;
import dev.shoal.agent.api.WriteHooks;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import java.util.List;

/**
 * The API's Service writes and their addresses: claim on create, carry over on update, release on
 * delete.
 */
public final class ServiceAddressHooks implements WriteHooks {

  private final ServiceAddresses addresses;

  public ServiceAddressHooks(ServiceAddresses addresses) {
    this.addresses = addresses;
  }

  @Override
  public Future<Resource> beforeCreate(Resource admitted) {
    if (!(admitted instanceof Service service)) {
      return Future.succeededFuture(admitted);
    }
    return addresses
        .assign(service)
        .compose(
            result -> {
              if (result instanceof AddressResult.Refused refused) {
                return Future.failedFuture(
                    new ApiError(
                        Status.invalid(
                            ResourceKinds.SERVICE.group(),
                            Service.KIND,
                            service.metadata().name(),
                            List.of(refused.error().toCause()))));
              }
              return Future.succeededFuture(((AddressResult.Assigned) result).service());
            });
  }

  @Override
  public Future<Void> createFailed(Resource prepared) {
    return prepared instanceof Service service
        ? addresses.release(service)
        : Future.succeededFuture();
  }

  @Override
  public Resource beforeUpdate(Resource stored, Resource incoming) {
    return stored instanceof Service old && incoming instanceof Service updated
        ? ServiceCarryOver.apply(old, updated)
        : incoming;
  }

  @Override
  public Future<Void> afterDelete(Resource deleted) {
    return deleted instanceof Service service
        ? addresses.release(service)
        : Future.succeededFuture();
  }
}

package io.quire.launcher;

import java.util.concurrent.CompletableFuture;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Watches the master's readiness service: any service with {@code quire.master.state}. The master
 * registers it with {@code SERVING} once it serves, or {@code FAILED} with a one-line
 * {@code quire.master.failure}. Only the properties are read, so the launcher needs none of the
 * master's classes.
 */
final class Readiness extends ServiceTracker<Object, Object> {

  static final String STATE = "quire.master.state";
  static final String FAILURE = "quire.master.failure";

  private final CompletableFuture<ServiceReference<?>> serving = new CompletableFuture<>();
  private final CompletableFuture<String> failed = new CompletableFuture<>();

  Readiness(BundleContext context) throws InvalidSyntaxException {
    super(context, FrameworkUtil.createFilter("(" + STATE + "=*)"), null);
  }

  /** Completes when the master first says it serves. */
  CompletableFuture<ServiceReference<?>> serving() {
    return serving;
  }

  /** Completes with the reason when the master says it failed, before or after serving. */
  CompletableFuture<String> failed() {
    return failed;
  }

  @Override
  public Object addingService(ServiceReference<Object> reference) {
    inspect(reference);
    return reference;
  }

  @Override
  public void modifiedService(ServiceReference<Object> reference, Object service) {
    inspect(reference);
  }

  private void inspect(ServiceReference<Object> reference) {
    Object state = reference.getProperty(STATE);
    if ("SERVING".equals(state)) {
      serving.complete(reference);
    } else if ("FAILED".equals(state)) {
      Object reason = reference.getProperty(FAILURE);
      failed.complete(reason == null ? "the master failed and gave no reason" : reason.toString());
    }
  }
}

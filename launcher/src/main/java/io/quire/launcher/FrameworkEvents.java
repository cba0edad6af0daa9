package io.quire.launcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs framework errors and warnings and remembers each bundle's last error, to explain a bundle that did not start. */
final class FrameworkEvents implements FrameworkListener {

  private static final Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

  private final Map<Long, String> lastErrors = new ConcurrentHashMap<>();

  @Override
  public void frameworkEvent(FrameworkEvent event) {
    Bundle bundle = event.getBundle();
    String source = bundle == null ? "framework" : bundle.getSymbolicName();
    Throwable error = event.getThrowable();
    switch (event.getType()) {
      case FrameworkEvent.ERROR -> {
        LOG.error("[{}] framework error", source, error);
        if (bundle != null) {
          lastErrors.put(bundle.getBundleId(), error == null ? "framework error" : oneLine(error));
        }
      }
      case FrameworkEvent.WARNING -> LOG.warn("[{}] framework warning", source, error);
      default -> LOG.debug("[{}] framework event {}", source, event.getType());
    }
  }

  /** Why the bundle failed, if the framework said so. */
  String lastError(Bundle bundle) {
    return lastErrors.getOrDefault(bundle.getBundleId(), "no error reported");
  }

  private static String oneLine(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    return text.toString().replace('\n', ' ');
  }
}

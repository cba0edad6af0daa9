package io.quire.console;

import java.time.Duration;
import java.util.Map;
import javax.management.remote.JMXServiceURL;

/**
 * A resolved connection: URL, connector environment (credentials and TLS socket factory, if any)
 * and connect timeout. {@link #toString()} shows the URL (and "over TLS") only, so a target can be
 * put in a message without leaking secrets.
 */
record ConnectionTarget(JMXServiceURL url, Map<String, ?> environment, Duration timeout) {

  /** Whether the registry (and so the connector) is reached over TLS. */
  boolean tls() {
    return environment.containsKey(ConnectionOptions.REGISTRY_SOCKET_FACTORY);
  }

  @Override
  public String toString() {
    return tls() ? url + " over TLS" : url.toString();
  }
}

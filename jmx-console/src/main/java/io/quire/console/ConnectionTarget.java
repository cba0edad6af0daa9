package io.quire.console;

import java.time.Duration;
import java.util.Map;
import javax.management.remote.JMXServiceURL;

/**
 * A resolved connection: URL, connector environment (credentials, if any) and connect timeout.
 * {@link #toString()} shows the URL only, so a target can be put in a message without leaking secrets.
 */
record ConnectionTarget(JMXServiceURL url, Map<String, ?> environment, Duration timeout) {
  @Override
  public String toString() {
    return url.toString();
  }
}

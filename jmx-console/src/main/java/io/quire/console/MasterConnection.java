package io.quire.console;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;

/**
 * An open JMX connection to a master, spoken generically: attribute values and operation results are
 * open types, so no server class is needed. Every failure becomes a {@link CommandFailure} that names
 * the URL.
 */
final class MasterConnection implements AutoCloseable {
  private final ConnectionTarget target;
  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private MasterConnection(ConnectionTarget target, JMXConnector connector) throws IOException {
    this.target = target;
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  /**
   * Connects within the target's timeout. The JDK's RMI connector has no connect timeout of its own
   * (an unroutable host would hang the command), so the attempt runs on a daemon thread that is
   * abandoned when the deadline passes.
   */
  static MasterConnection open(ConnectionTarget target) throws CommandFailure {
    CompletableFuture<JMXConnector> attempt = new CompletableFuture<>();
    Thread connecting = new Thread(() -> {
      try {
        attempt.complete(JMXConnectorFactory.connect(target.url(), target.environment()));
      } catch (IOException | RuntimeException e) {
        attempt.completeExceptionally(e);
      }
    }, "fsadmin-connect");
    connecting.setDaemon(true);
    connecting.start();
    JMXConnector connector = null;
    try {
      connector = attempt.get(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return new MasterConnection(target, connector);
    } catch (TimeoutException e) {
      throw unreachable(target, "no answer within " + target.timeout().toSeconds() + " s", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof SecurityException
          ? "authentication failed: " + CommandFailure.reason(cause)
          : CommandFailure.reason(cause);
      throw unreachable(target, why, cause);
    } catch (IOException e) {
      closeQuietly(connector);
      throw unreachable(target, CommandFailure.reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(target, "interrupted while connecting", e);
    }
  }

  private CommandFailure lost(Exception e) {
    return CommandFailure.failed("lost the connection to the master at " + target + ": " + CommandFailure.reason(e), e);
  }

  private static CommandFailure unreachable(ConnectionTarget target, String why, Throwable cause) {
    return CommandFailure.failed("cannot reach the master at " + target + ": " + why, cause);
  }

  ConnectionTarget target() {
    return target;
  }

  /** Names in the server that match {@code pattern}. */
  Set<ObjectName> query(ObjectName pattern) throws CommandFailure {
    try {
      return server.queryNames(pattern, null);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /**
   * The named attributes that the MBean has (one round trip; attributes it lacks are left out), or
   * empty when the MBean is not registered.
   */
  Optional<Map<String, Object>> attributes(ObjectName name, String... attributes) throws CommandFailure {
    try {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Attribute attribute : server.getAttributes(name, attributes).asList()) {
        values.put(attribute.getName(), attribute.getValue());
      }
      return Optional.of(values);
    } catch (InstanceNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw lost(e);
    } catch (JMException | JMRuntimeException e) {
      throw CommandFailure.failed("cannot read " + name + " at " + target + ": " + CommandFailure.reason(e), e);
    }
  }

  /**
   * Fails with "this master has no {@code <what>} MBean ({@code <name>})" when it is absent: the
   * operations come with later server versions.
   */
  void require(ObjectName name, String what) throws CommandFailure {
    try {
      if (!server.isRegistered(name)) {
        throw CommandFailure.failed("this master has no " + what + " MBean (" + name + ")");
      }
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /** Invokes an operation whose parameters are all strings (or none). */
  Object invoke(ObjectName name, String operation, String... arguments) throws CommandFailure {
    String[] signature = new String[arguments.length];
    Arrays.fill(signature, String.class.getName());
    try {
      return server.invoke(name, operation, arguments, signature);
    } catch (IOException e) {
      throw lost(e);
    } catch (JMException | JMRuntimeException e) {
      throw CommandFailure.failed(operation + " failed on " + name + ": " + CommandFailure.reason(e), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(connector);
  }

  private static void closeQuietly(JMXConnector connector) {
    if (connector == null) {
      return;
    }
    try {
      connector.close();
    } catch (IOException e) {
      // the command's result is already printed; a failed goodbye changes nothing for the operator
    }
  }
}

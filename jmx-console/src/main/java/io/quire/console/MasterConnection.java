package io.quire.console;

import java.io.IOException;
import java.rmi.UnmarshalException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;

/**
 * An open JMX connection to a master, spoken generically: attribute values and operation results are
 * open types, so no server class is needed. Every failure becomes a {@link CommandFailure} that names
 * the URL or the MBean: exit 1 when the master cannot be reached or cannot do it, exit 3
 * ({@link CommandFailure#REFUSED}) when it refuses the login or the user's access level (the JDK's
 * access controller throws {@link SecurityException} on the server, which arrives here as it is).
 */
final class MasterConnection implements AutoCloseable {
  private final ConnectionTarget target;
  private final JMXConnector connector;
  private final MBeanServerConnection server;

  /** One operation parameter and its type as the MBean declares it ({@code long}, {@code java.lang.String}). */
  record Parameter(Object value, String type) {
    static Parameter of(String value) {
      return new Parameter(value, String.class.getName());
    }

    static Parameter of(long value) {
      return new Parameter(value, long.class.getName());
    }

    static Parameter of(String[] values) {
      return new Parameter(values, String[].class.getName());
    }
  }

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
      if (cause instanceof SecurityException) {
        // the server's authenticator said no: bad credentials, or none where some are required
        throw CommandFailure.refused("authentication failed at " + target + ": " + CommandFailure.reason(cause),
            cause);
      }
      throw unreachable(target, CommandFailure.reason(cause) + tlsHint(cause, target.tls()), cause);
    } catch (IOException e) {
      closeQuietly(connector);
      throw unreachable(target, CommandFailure.reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(target, "interrupted while connecting", e);
    }
  }

  /**
   * What a TLS mismatch at connect time usually means, as "; hint" (or empty): the JDK's messages
   * ("non-JRMP server at remote endpoint", "Broken pipe") do not say it.
   */
  static String tlsHint(Throwable failure, boolean tls) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    String text = all.toString();
    if (!tls && text.contains("non-JRMP server")) {
      return "; the master may speak TLS (quire.jmx.ssl.enabled): add --tls and --truststore";
    }
    if (tls && text.contains("PKIX path")) {
      return "; the trust store does not hold the master's certificate (or its CA): check --truststore";
    }
    if (tls && (text.contains("Unsupported or unrecognized SSL message") || text.contains("plaintext connection")
        || text.contains("SSL peer shut down incorrectly"))) {
      return "; the master does not speak TLS: leave out --tls";
    }
    if (tls && (text.contains("Broken pipe") || text.contains("bad_certificate")
        || text.contains("certificate_required") || text.contains("Connection reset"))) {
      return "; the master may require a client certificate (quire.jmx.ssl.need.client.auth): give --keystore";
    }
    return "";
  }

  private CommandFailure lost(IOException e) {
    return CommandFailure.failed("lost the connection to the master at " + target + ": " + CommandFailure.reason(e), e);
  }

  private static CommandFailure unreachable(ConnectionTarget target, String why, Throwable cause) {
    return CommandFailure.failed("cannot reach the master at " + target + ": " + why, cause);
  }

  /** "access denied at URL: user 'x' may not invoke backup on quire:type=Backup". */
  private CommandFailure denied(String action, SecurityException e) {
    return CommandFailure.refused("access denied at " + target + ": " + who() + " may not " + action, e);
  }

  /** The JMX user of this connection, for messages (never the password). */
  private String who() {
    Object credentials = target.environment().get(JMXConnector.CREDENTIALS);
    return credentials instanceof String[] pair && pair.length > 0 && pair[0] != null
        ? "user '" + pair[0] + "'"
        : "a client without --user";
  }

  /**
   * The reason when the master's answer holds a class this client does not have: RMI then fails
   * to read it (Aries JMX, for one, sends OSGi's {@code BundleException} as the cause of its
   * {@code IOException}s). Empty for a connection that broke.
   */
  private static Optional<String> unreadableAnswer(IOException e) {
    if (!(e instanceof UnmarshalException)) {
      return Optional.empty();
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ClassNotFoundException missing) {
        String message = String.valueOf(missing.getMessage());
        String className = message.contains(" ") ? message.substring(0, message.indexOf(' ')) : message;
        return Optional.of("the master answered with " + className + ", a class this client does not have"
            + " (the master's log may say more)");
      }
    }
    return Optional.empty();
  }

  /**
   * What the operation itself threw: its own message, which its author wrote for the operator
   * ("backup file:/b.gz does not exist"), rather than that of its innermost cause alone ("/b.gz");
   * the innermost cause's message follows when the first does not already say it.
   */
  private static String thrown(Exception e) {
    Throwable operation = e.getCause() != null ? e.getCause() : e;
    String message = operation.getMessage();
    if (message == null || message.isBlank()) {
      return CommandFailure.reason(operation);
    }
    Throwable root = operation;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootMessage = root.getMessage();
    boolean saysMore = root != operation && rootMessage != null && !rootMessage.isBlank()
        && !message.contains(rootMessage);
    return message + (saysMore ? ": " + rootMessage : "") + " (" + operation.getClass().getSimpleName() + ")";
  }

  ConnectionTarget target() {
    return target;
  }

  /** Names in the server that match {@code pattern}. */
  Set<ObjectName> query(ObjectName pattern) throws CommandFailure {
    try {
      return server.queryNames(pattern, null);
    } catch (SecurityException e) {
      throw denied("query " + pattern, e);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /**
   * The named attributes that the MBean has (one round trip; attributes it lacks are left out), or
   * empty when the MBean is not registered.
   */
  Optional<Map<String, Object>> attributes(ObjectName name, String... attributes) throws CommandFailure {
    return read(name, () -> {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Attribute attribute : server.getAttributes(name, attributes).asList()) {
        values.put(attribute.getName(), attribute.getValue());
      }
      return values;
    });
  }

  /** What the MBean has (its attributes and operations), or empty when it is not registered. */
  Optional<MBeanInfo> info(ObjectName name) throws CommandFailure {
    return read(name, () -> server.getMBeanInfo(name));
  }

  /** A read of one MBean over the connection. */
  private interface Read<T> {
    T call() throws IOException, JMException;
  }

  /** Runs {@code read}; empty when the MBean is not registered, else its failure as one line. */
  private <T> Optional<T> read(ObjectName name, Read<T> read) throws CommandFailure {
    try {
      return Optional.of(read.call());
    } catch (InstanceNotFoundException e) {
      return Optional.empty();
    } catch (SecurityException e) {
      throw denied("read " + name, e);
    } catch (IOException e) {
      String why = unreadableAnswer(e).orElseThrow(() -> lost(e));
      throw CommandFailure.failed("cannot read " + name + " at " + target + ": " + why, e);
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
    } catch (SecurityException e) {
      throw denied("read " + name, e);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /** Invokes an operation whose parameters are all strings (or none). */
  Object invoke(ObjectName name, String operation, String... arguments) throws CommandFailure {
    return invoke(name, operation, Arrays.stream(arguments).map(Parameter::of).toList(),
        reason -> operation + " failed on " + name + ": " + reason);
  }

  /**
   * Invokes an operation with typed parameters.
   *
   * @param failed the one-line message when the operation ran and failed (or its answer cannot be
   *     read), from the reason; an unreachable master, a refused user or an operation the MBean
   *     does not have get their own messages
   */
  Object invoke(ObjectName name, String operation, List<Parameter> parameters, UnaryOperator<String> failed)
      throws CommandFailure {
    Object[] values = parameters.stream().map(Parameter::value).toArray();
    String[] signature = parameters.stream().map(Parameter::type).toArray(String[]::new);
    try {
      return server.invoke(name, operation, values, signature);
    } catch (SecurityException e) {
      throw denied("invoke " + operation + " on " + name, e);
    } catch (IOException e) {
      String why = unreadableAnswer(e).orElseThrow(() -> lost(e));
      throw CommandFailure.failed(failed.apply(why), e);
    } catch (MBeanException | RuntimeMBeanException e) {
      throw CommandFailure.failed(failed.apply(thrown(e)), e);
    } catch (JMException | JMRuntimeException e) {
      throw CommandFailure.failed("cannot invoke " + operation + "(" + String.join(", ", signature) + ") on "
          + name + " at " + target + ": " + CommandFailure.reason(e), e);
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

package io.quire.launcher;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every OSGi log entry to SLF4J, under the logger name {@code osgi.<bundle>}. SCR reports
 * a component that fails to activate only to the OSGi log; without this bridge such a failure
 * would be silent. The listener is added the moment the log service appears (start level 1),
 * before any other bundle runs.
 */
final class OsgiLogBridge extends ServiceTracker<LogReaderService, LogReaderService> implements LogListener {

  /** Logger names under which the log service records framework, bundle and service events. */
  private static final String EVENTS = "Events.";

  OsgiLogBridge(BundleContext context) {
    super(context, LogReaderService.class, null);
  }

  @Override
  public LogReaderService addingService(ServiceReference<LogReaderService> reference) {
    LogReaderService reader = super.addingService(reference);
    if (reader != null) {
      reader.addLogListener(this);
    }
    return reader;
  }

  @Override
  public void removedService(ServiceReference<LogReaderService> reference, LogReaderService reader) {
    reader.removeLogListener(this);
    super.removedService(reference, reader);
  }

  @Override
  public void logged(LogEntry entry) {
    String source = entry.getBundle() == null ? "unknown" : entry.getBundle().getSymbolicName();
    Logger log = LoggerFactory.getLogger("osgi." + source);
    String message = entry.getServiceReference() == null
        ? entry.getMessage()
        : entry.getMessage() + " [service " + entry.getServiceReference() + "]";
    Throwable error = entry.getException();
    if (entry.getLoggerName() != null && entry.getLoggerName().startsWith(EVENTS)
        && entry.getLogLevel().implies(LogLevel.INFO)) {
      // Bundle, service and framework events: the story of every start, useful only when debugging.
      log.debug(message, error);
      return;
    }
    switch (entry.getLogLevel()) {
      case AUDIT, ERROR -> log.error(message, error);
      case WARN -> log.warn(message, error);
      case INFO -> log.info(message, error);
      default -> log.debug(message, error);
    }
  }
}

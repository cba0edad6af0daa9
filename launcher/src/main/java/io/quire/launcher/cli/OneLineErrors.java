package io.quire.launcher.cli;

import io.quire.launcher.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every failure becomes one line on stderr, {@code quire: <reason>}, and a non-zero exit: 2 for a
 * wrong command line or configuration, 1 for everything else. The stack trace goes nowhere: the
 * reason must say it all (the server log holds the details of a failed start).
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    commandLine.getErr().println("quire: " + reason(e));
    commandLine.getErr().flush();
    return e instanceof ConfigException ? EXIT_USAGE : EXIT_FAILED;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    String command = commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^quire", "bin/quire");
    commandLine.getErr().println("quire: " + e.getMessage() + " (see '" + command + " --help')");
    commandLine.getErr().flush();
    return EXIT_USAGE;
  }

  static String reason(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message.replace('\n', ' ').strip();
  }
}

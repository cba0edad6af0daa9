package io.quire.harness.fault;

import io.quire.harness.JournalBackend;
import java.util.List;

/**
 * What a {@link FaultScenario} runs against.
 *
 * @param scenario the harness command, for the report and the line that reproduces a failure
 * @param backend where the master's journal is; started by the caller, who closes it
 * @param faults the faults, in the order the scenario injects them
 * @param options the command's options that set up the backend, for the line that reproduces
 */
public record FaultTarget(String scenario, JournalBackend backend, List<StorageFault> faults,
    String options) {}

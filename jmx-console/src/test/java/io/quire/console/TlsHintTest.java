package io.quire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.rmi.ConnectIOException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The hints added to a failed connect, from the JDK's own messages for each TLS mismatch. */
class TlsHintTest {

  @Test
  void aPlainClientAtATlsMasterIsToldToAddTls() {
    IOException failure = new IOException("Failed to retrieve RMIServer stub",
        new ConnectIOException("non-JRMP server at remote endpoint"));
    assertTrue(MasterConnection.tlsHint(failure, false).contains("add --tls"));
    assertEquals("", MasterConnection.tlsHint(failure, true));
  }

  @Test
  void aTlsClientIsToldWhatTheHandshakeSaid() {
    assertTrue(MasterConnection.tlsHint(new IOException("x", new SSLHandshakeException(
        "PKIX path building failed: unable to find valid certification path")), true).contains("--truststore"));
    assertTrue(MasterConnection.tlsHint(new IOException("x", new SSLException(
        "Unsupported or unrecognized SSL message")), true).contains("leave out --tls"));
    // what a TLS client meets at a plain master, seen against a real one
    assertTrue(MasterConnection.tlsHint(new IOException("x", new java.io.EOFException(
        "SSL peer shut down incorrectly")), true).contains("leave out --tls"));
    assertTrue(MasterConnection.tlsHint(new IOException("x", new SocketException("Broken pipe")), true)
        .contains("--keystore"));
  }

  @Test
  void otherFailuresGetNoHint() {
    assertEquals("", MasterConnection.tlsHint(new IOException("Connection refused"), true));
    assertEquals("", MasterConnection.tlsHint(new IOException("Connection refused"), false));
  }
}

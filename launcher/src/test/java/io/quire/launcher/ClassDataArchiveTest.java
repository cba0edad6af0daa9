package io.quire.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
  private static final String JAVA = "/opt/java/bin/java";

  @TempDir
  Path home;
  private Path a;
  private Path b;
  private String classPath;

  @BeforeEach
  void jars() throws Exception {
    Path lib = Files.createDirectories(home.resolve("lib"));
    a = Files.writeString(lib.resolve("a.jar"), "first jar");
    b = Files.writeString(lib.resolve("b.jar"), "second jar");
    classPath = a + File.pathSeparator + b;
  }

  @Test
  void withoutAnArchiveTheServerIsAskedToWriteOneNamedByItsKey() throws Exception {
    List<String> options = ClassDataArchive.serverOptions(home, JAVA, classPath, List.of("-Xms1g"));
    String key = ClassDataArchive.key(JAVA, classPath, List.of("-Xms1g")).orElseThrow();
    Path archive = ClassDataArchive.folder(home).resolve("server-" + key + ".jsa");
    assertEquals(List.of("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=error",
        "-D" + ClassDataArchive.ARCHIVE_PROPERTY + "=" + archive), options);
  }

  @Test
  void anExistingArchiveOfTheSameKeyIsMapped() throws Exception {
    String key = ClassDataArchive.key(JAVA, classPath, List.of()).orElseThrow();
    Path archive = Files.createDirectories(ClassDataArchive.folder(home))
        .resolve("server-" + key + ".jsa");
    Files.writeString(archive, "an archive");
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=error"),
        ClassDataArchive.serverOptions(home, JAVA, classPath, List.of()));
  }

  @Test
  void theKeyChangesWithTheRuntimeTheOptionsAndEveryJar() throws Exception {
    String key = ClassDataArchive.key(JAVA, classPath, List.of("-Xms1g")).orElseThrow();
    assertEquals(key, ClassDataArchive.key(JAVA, classPath, List.of("-Xms1g")).orElseThrow());
    assertNotEquals(key, ClassDataArchive.key("/other/java", classPath, List.of("-Xms1g"))
        .orElseThrow());
    assertNotEquals(key, ClassDataArchive.key(JAVA, classPath, List.of("-Xms2g")).orElseThrow());
    assertNotEquals(key, ClassDataArchive.key(JAVA, b + File.pathSeparator + a,
        List.of("-Xms1g")).orElseThrow(), "the class path's order");

    Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis()
        + 1000));
    String touched = ClassDataArchive.key(JAVA, classPath, List.of("-Xms1g")).orElseThrow();
    assertNotEquals(key, touched, "a jar replaced by a build");
    Files.writeString(a, "first jar, rebuilt");
    assertNotEquals(touched, ClassDataArchive.key(JAVA, classPath, List.of("-Xms1g"))
        .orElseThrow(), "a jar of another size");
  }

  @Test
  void operatorsWhoChooseClassDataSharingThemselvesGetNothingAdded() throws Exception {
    for (String option : List.of("-Xshare:off", "-XX:SharedArchiveFile=/x.jsa",
        "-XX:ArchiveClassesAtExit=/x.jsa", "-XX:+RecordDynamicDumpInfo")) {
      assertEquals(List.of(), ClassDataArchive.serverOptions(home, JAVA, classPath,
          List.of("-Xms1g", option)), option);
    }
  }

  @Test
  void aClassPathWithAFolderGetsNoArchive() throws Exception {
    // the JVM refuses to start with RecordDynamicDumpInfo and a non-empty folder on the path
    Path classes = Files.createDirectories(home.resolve("classes"));
    Files.writeString(classes.resolve("A.class"), "not really");
    assertTrue(ClassDataArchive.serverOptions(home, JAVA, classPath + File.pathSeparator
        + classes, List.of()).isEmpty());
    assertTrue(ClassDataArchive.serverOptions(home, JAVA, classPath + File.pathSeparator
        + home.resolve("missing.jar"), List.of()).isEmpty());
  }
}

package ssm4j.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A real Spark standalone cluster of separate JVMs on 127.0.0.1, started from the test class path: one
 * {@code Master} and {@code n} {@code Worker}s (1 core each), whose executors run the test class path too
 * ({@code spark.executor.extraClassPath}), so no Spark distribution is needed (SPARK_HOME is an empty directory).
 * Everything binds to loopback; {@link #close()} kills every process it started, with its children (the
 * executors), and is also run by a shutdown hook so nothing outlives the test JVM.
 */
final class LoopbackCluster implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    private final Path home;
    private final String classPath;
    private final String javaOpts;
    private final int masterPort;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final Thread hook = new Thread(this::killAll, "loopback-cluster-cleanup");

    LoopbackCluster(int workerCount, Path dir) throws IOException, InterruptedException {
        this.home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars")); // the launcher adds SPARK_HOME/jars/* (empty here)
        this.classPath = testClassPath();
        this.javaOpts = System.getProperty("ssm4j.spark.opens", "");
        Runtime.getRuntime().addShutdownHook(hook);
        this.masterPort = freePort();
        this.master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", HOST,
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
        awaitPort(masterPort, master, 60);
        for (int i = 0; i < workerCount; i++) {
            Path work = Files.createDirectories(dir.resolve("work-" + i));
            workers.add(start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", HOST,
                    "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                    "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), masterUrl())));
        }
    }

    String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /** The class path executors need (this test JVM's). */
    String classPath() {
        return classPath;
    }

    /** The JVM flags executors need on JDK 25 (Spark's --add-opens list plus the Vector API module). */
    String executorJavaOptions() {
        return "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED " + javaOpts;
    }

    /** Kills worker {@code i} and its executor JVMs at once (SIGKILL), as a machine failure would. */
    void killWorker(int i) {
        kill(workers.get(i));
    }

    private Process start(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        for (String o : javaOpts.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("SPARK_LOCAL_HOSTNAME", HOST);
        env.put("SPARK_NO_DAEMONIZE", "1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("SPARK_CONF_DIR");
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve(name + ".log").toFile());
        return pb.start();
    }

    /** The log of a process (for failure messages). */
    String log(String name) {
        try {
            return Files.readString(home.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void awaitPort(int port, Process p, int seconds) throws InterruptedException, IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IOException("process exited with " + p.exitValue() + " before listening on " + port);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("nothing listens on " + HOST + ":" + port + " after " + seconds + " s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** The test class path; expands surefire's manifest-only jar when that is what java.class.path holds. */
    private static String testClassPath() throws IOException {
        String cp = System.getProperty("java.class.path");
        String[] parts = cp.split(File.pathSeparator);
        if (parts.length == 1 && parts[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(parts[0])) {
                Manifest m = jar.getManifest();
                String entries = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                if (entries != null) {
                    URI base = Path.of(parts[0]).toUri();
                    List<String> out = new ArrayList<>();
                    for (String e : entries.trim().split("\\s+")) {
                        out.add(Path.of(base.resolve(e)).toString());
                    }
                    return String.join(File.pathSeparator, out);
                }
            }
        }
        return cp;
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killAll() {
        for (Process w : workers) {
            kill(w);
        }
        kill(master);
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }
}

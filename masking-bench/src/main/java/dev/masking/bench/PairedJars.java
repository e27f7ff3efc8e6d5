package dev.masking.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Issue 5's overhead for several builds at once, paired: {@link DetectorsBenchmark} from each
 * benchmarks jar, each jar in its own class loader in this one JVM, the configurations (jar x
 * {@code names} / {@code detectors+sweep}) interleaved in short batches (system property {@code
 * n} operations each, default 200 for json-api, 3 for json-100k) so that a slow spell of a shared
 * machine hits them alike. Prints per jar the names and detectors+sweep medians and mins (us of
 * this thread's CPU time) and the median and quartiles of the per-round overhead (d+s / names - 1).
 *
 * <pre>
 * java -Xbatch -Dn=200 -cp masking-bench/target/benchmarks.jar dev.masking.bench.PairedJars \
 *     json-api 501 start.jar end.jar
 * </pre>
 */
public final class PairedJars {
  private PairedJars() {}

  /**
   * Runs the comparison.
   *
   * @param a INPUT ({@code json-api} or {@code json-100k}), ROUNDS, then one benchmarks jar per
   *     build
   * @throws Exception when a jar cannot be loaded
   */
  public static void main(String[] a) throws Exception {
    String input = a[0];
    int rounds = Integer.parseInt(a[1]);
    int jars = a.length - 2;
    String[] modes = {"names", "detectors+sweep"};
    Object[][] b = new Object[jars][2];
    Method[][] m = new Method[jars][2];
    for (int j = 0; j < jars; j++) {
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(a[2 + j]).toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> c = cl.loadClass("dev.masking.bench.DetectorsBenchmark");
      for (int k = 0; k < 2; k++) {
        Object o = c.getConstructor().newInstance();
        Field fi = c.getField("input");
        fi.set(o, input);
        c.getField("mode").set(o, modes[k]);
        c.getMethod("setup").invoke(o);
        b[j][k] = o;
        m[j][k] = c.getMethod("masking");
      }
    }
    var mx = ManagementFactory.getThreadMXBean();
    int n = Integer.getInteger("n", input.equals("json-api") ? 200 : 3);
    double[][][] t = new double[jars][2][rounds];
    for (int r = -rounds / 2 - 3; r < rounds; r++) { // warm-up rounds first
      for (int j = 0; j < jars; j++) {
        for (int k = 0; k < 2; k++) {
          Object o = b[j][k];
          Method mm = m[j][k];
          long c0 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < n; i++) {
            mm.invoke(o);
          }
          long c1 = mx.getCurrentThreadCpuTime();
          if (r >= 0) {
            t[j][k][r] = (c1 - c0) / 1e3 / n;
          }
        }
      }
    }
    for (int j = 0; j < jars; j++) {
      double[] over = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        over[r] = 100 * (t[j][1][r] / t[j][0][r] - 1);
      }
      double[] nm = t[j][0].clone();
      double[] ds = t[j][1].clone();
      Arrays.sort(nm);
      Arrays.sort(ds);
      Arrays.sort(over);
      System.out.printf(Locale.ROOT,
          "%-28s %s names %8.2f us (min %.2f)  d+s %8.2f us (min %.2f)  overhead median %+.1f%% "
              + "(q1 %+.1f%%, q3 %+.1f%%; of mins %+.1f%%)%n",
          Path.of(a[2 + j]).getFileName(), input, nm[rounds / 2], nm[0], ds[rounds / 2], ds[0],
          over[rounds / 2], over[rounds / 4], over[3 * rounds / 4], 100 * (ds[0] / nm[0] - 1));
    }
  }
}

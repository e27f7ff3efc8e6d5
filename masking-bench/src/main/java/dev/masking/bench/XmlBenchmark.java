package dev.masking.bench;

import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import dev.masking.core.AttackReport;
import dev.masking.core.MaskedReport;
import dev.masking.rules.Masker;
import dev.masking.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.XMLStreamWriter2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking a ~2 KB SOAP request with the {@code default} preset ({@code Password}, {@code
 * card_number}, {@code cvv}), against a Woodstox read-write copy (every event read and written,
 * nothing masked: the least a StAX-based masker pays).
 *
 * <p>{@code masking} measures whatever the rewriter does with an XML body: since the XML scanner
 * merged, the four selected elements field by field ({@code OtherInputsTest} checks that the rest
 * of the document is kept).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class XmlBenchmark {
  private byte[] body;
  private AttackReport report;
  private Masker masker;
  private WstxInputFactory in;
  private WstxOutputFactory out;

  /** Builds the input and the engines once. */
  @Setup
  public void setup() {
    body = Inputs.soap();
    report = Inputs.bodyOnly("text/xml; charset=utf-8", body);
    masker = Masker.of(RuleSet.preset("default"));
    in = new WstxInputFactory();
    out = new WstxOutputFactory();
  }

  /** Ours. */
  @Benchmark
  public MaskedReport masking() {
    return masker.mask(report);
  }

  /** Woodstox: copy every event from a reader to a writer. */
  @Benchmark
  public byte[] woodstoxCopy() throws XMLStreamException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
    XMLStreamReader2 r = (XMLStreamReader2) in.createXMLStreamReader(new ByteArrayInputStream(body));
    XMLStreamWriter2 w = (XMLStreamWriter2) out.createXMLStreamWriter(bytes, "UTF-8");
    while (r.hasNext()) {
      r.next();
      w.copyEventFromReader(r, false);
    }
    w.close();
    r.close();
    return bytes.toByteArray();
  }

  /** Floor: copy the body. */
  @Benchmark
  public byte[] copyOnly() {
    return body.clone();
  }
}

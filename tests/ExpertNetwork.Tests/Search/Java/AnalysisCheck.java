import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.util.CharFilterFactory;
import org.apache.lucene.analysis.util.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.TokenizerFactory;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.FilesystemResourceLoader;
import org.apache.lucene.analysis.util.ResourceLoaderAware;

/**
 * Rebuilds analysis chains with Lucene's own factories from a spec the C# test derives from experts.index.json, and
 * prints the terms each query line produces. Spec lines (tab-separated):
 *   A name                         starts an analyzer
 *   C factory key=value...         char filter
 *   T factory key=value...         tokenizer
 *   F factory key=value...         token filter
 *   S synonyms-file expand         synonym graph filter whose rules are analysed by the chain before it, as Elasticsearch does
 *   Q analyzer text                prints the terms of text, space-separated, one line per query
 */
public final class AnalysisCheck {
  private static final class Step {
    final char kind;
    final String name;
    final Map<String, String> args;

    Step(char kind, String name, Map<String, String> args) {
      this.kind = kind;
      this.name = name;
      this.args = args;
    }
  }

  public static void main(String[] argv) throws Exception {
    Path spec = Paths.get(argv[0]);
    FilesystemResourceLoader loader = new FilesystemResourceLoader(spec.getParent(), AnalysisCheck.class.getClassLoader());
    Map<String, List<Step>> chains = new LinkedHashMap<>();
    Map<String, Analyzer> analyzers = new HashMap<>();
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String currentName = null;
    for (String line : Files.readAllLines(spec, StandardCharsets.UTF_8)) {
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\t", -1);
      char kind = parts[0].charAt(0);
      if (kind == 'A') {
        currentName = parts[1];
        chains.put(currentName, new ArrayList<>());
      } else if (kind == 'Q') {
        Analyzer analyzer = analyzers.get(parts[1]);
        if (analyzer == null) {
          analyzer = build(chains.get(parts[1]), loader);
          analyzers.put(parts[1], analyzer);
        }
        out.write(String.join(" ", terms(analyzer, parts[2])));
        out.write('\n');
      } else {
        Map<String, String> args = new HashMap<>();
        for (int i = 2; i < parts.length; i++) {
          int eq = parts[i].indexOf('=');
          args.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        chains.get(currentName).add(new Step(kind, parts[1], args));
      }
    }
    out.flush();
  }

  private static Analyzer build(List<Step> steps, FilesystemResourceLoader loader) throws Exception {
    int synonym = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).kind == 'S') {
        synonym = i;
      }
    }
    if (synonym < 0) {
      return custom(steps, loader);
    }
    // Elasticsearch parses synonym rules with the tokenizer, char filters and filters in front of the synonym filter.
    Analyzer before = custom(steps.subList(0, synonym), loader);
    Step step = steps.get(synonym);
    SolrSynonymParser parser = new SolrSynonymParser(true, Boolean.parseBoolean(step.args.get("expand")), before);
    parser.parse(Files.newBufferedReader(Paths.get(step.name), StandardCharsets.UTF_8));
    SynonymMap map = parser.build();
    List<Step> after = steps.subList(synonym + 1, steps.size());
    List<CharFilterFactory> charFilters = new ArrayList<>();
    TokenizerFactory tokenizer = null;
    List<TokenFilterFactory> filters = new ArrayList<>();
    for (Step s : steps.subList(0, synonym)) {
      if (s.kind == 'C') {
        charFilters.add(inform(CharFilterFactory.forName(s.name, new HashMap<>(s.args)), loader));
      } else if (s.kind == 'T') {
        tokenizer = inform(TokenizerFactory.forName(s.name, new HashMap<>(s.args)), loader);
      } else {
        filters.add(inform(TokenFilterFactory.forName(s.name, new HashMap<>(s.args)), loader));
      }
    }
    List<TokenFilterFactory> trailing = new ArrayList<>();
    for (Step s : after) {
      trailing.add(inform(TokenFilterFactory.forName(s.name, new HashMap<>(s.args)), loader));
    }
    final TokenizerFactory tokenizerFactory = tokenizer;
    return new Analyzer() {
      @Override
      protected java.io.Reader initReader(String fieldName, java.io.Reader reader) {
        for (CharFilterFactory f : charFilters) {
          reader = f.create(reader);
        }
        return reader;
      }

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = tokenizerFactory.create();
        TokenStream stream = source;
        for (TokenFilterFactory f : filters) {
          stream = f.create(stream);
        }
        stream = new SynonymGraphFilter(stream, map, false);
        for (TokenFilterFactory f : trailing) {
          stream = f.create(stream);
        }
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  private static <T> T inform(T factory, FilesystemResourceLoader loader) throws Exception {
    if (factory instanceof ResourceLoaderAware) {
      ((ResourceLoaderAware) factory).inform(loader);
    }
    return factory;
  }

  private static Analyzer custom(List<Step> steps, FilesystemResourceLoader loader) throws Exception {
    CustomAnalyzer.Builder builder = CustomAnalyzer.builder(loader);
    for (Step s : steps) {
      if (s.kind == 'C') {
        builder.addCharFilter(s.name, new HashMap<>(s.args));
      } else if (s.kind == 'T') {
        builder.withTokenizer(s.name, new HashMap<>(s.args));
      } else {
        builder.addTokenFilter(s.name, new HashMap<>(s.args));
      }
    }
    return builder.build();
  }

  private static List<String> terms(Analyzer analyzer, String text) throws Exception {
    List<String> result = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("f", new StringReader(text))) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        result.add(term.toString());
      }
      stream.end();
    }
    return result;
  }
}

using System.Buffers;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace ExpertNetwork.Search.Analysis;

/// <summary>
/// The analyzers of <c>indexing/experts.index.json</c>, under the same names, built from the same
/// embedded files (tech_terms mappings, stopwords, synonyms). Text must already be normalised
/// with <c>VietnameseText.Normalize</c>: ASCIIFoldingFilter only folds precomposed letters.
/// </summary>
public sealed class ExpertAnalyzers : IDisposable
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly Dictionary<string, Analyzer> _byName;
    private readonly TechTermMap _techTerms;

    public ExpertAnalyzers()
        : this(SearchAnalysis.SynonymsFile)
    {
    }

    /// <summary>Builds the analyzers with another synonym file: tests use it to add a rule without touching indexing/.</summary>
    public ExpertAnalyzers(string synonymsFile)
    {
        var techTerms = _techTerms = BuildTechTerms();
        var stopwords = new CharArraySet(Version, SearchAnalysis.Stopwords.ToArray(), false);

        Exact = new ChainAnalyzer(techTerms, r => Standard(r), ts => Lower(ts));
        Folded = new ChainAnalyzer(techTerms, r => Standard(r), ts => new ASCIIFoldingFilter(Lower(ts)));
        Bio = new ChainAnalyzer(techTerms, r => Standard(r), ts => new StopFilter(Version, Lower(ts), stopwords));
        BioFolded = new ChainAnalyzer(techTerms, r => Standard(r),
            ts => new ASCIIFoldingFilter(new StopFilter(Version, Lower(ts), stopwords)));
        NamePrefixIndex = new ChainAnalyzer(null, r => Standard(r),
            ts => new EdgeNGramTokenFilter(Version, new ASCIIFoldingFilter(Lower(ts)), 1, 15));
        NamePrefixSearch = new ChainAnalyzer(null, r => Standard(r),
            ts => new TruncateTokenFilter(new ASCIIFoldingFilter(Lower(ts)), 15));
        NameFirstPrefixIndex = new ChainAnalyzer(null, r => Standard(r),
            ts => new EdgeNGramTokenFilter(Version, new LimitTokenCountFilter(new ASCIIFoldingFilter(Lower(ts)), 1), 1, 15));

        var exactMap = BuildSynonymMap(synonymsFile, Exact);
        var foldedMap = BuildSynonymMap(synonymsFile, Folded);
        ExactSynonyms = new ChainAnalyzer(techTerms, r => Standard(r), ts => new SynonymFilter(Lower(ts), exactMap, true));
        FoldedSynonyms = new ChainAnalyzer(techTerms, r => Standard(r),
            ts => new SynonymFilter(new ASCIIFoldingFilter(Lower(ts)), foldedMap, true));

        _byName = new Dictionary<string, Analyzer>(StringComparer.Ordinal)
        {
            [AnalyzerNames.Exact] = Exact,
            [AnalyzerNames.Folded] = Folded,
            [AnalyzerNames.ExactSynonyms] = ExactSynonyms,
            [AnalyzerNames.FoldedSynonyms] = FoldedSynonyms,
            [AnalyzerNames.Bio] = Bio,
            [AnalyzerNames.BioFolded] = BioFolded,
            [AnalyzerNames.NamePrefixIndex] = NamePrefixIndex,
            [AnalyzerNames.NamePrefixSearch] = NamePrefixSearch,
            [AnalyzerNames.NameFirstPrefixIndex] = NameFirstPrefixIndex,
        };

        ExactExpander = new SynonymExpander(SynonymSet.Parse(synonymsFile), Exact);
        FoldedExpander = new SynonymExpander(SynonymSet.Parse(synonymsFile), Folded);

        Indexing = new PerFieldAnalyzerWrapper(Exact, IndexFields.IndexAnalyzers.ToDictionary(
            kv => kv.Key, kv => _byName[kv.Value], StringComparer.Ordinal));
    }

    public Analyzer Exact { get; }

    public Analyzer Folded { get; }

    /// <summary>Search-time synonym analyzer, kept for parity with Elasticsearch; queries expand through <see cref="ExactExpander"/>.</summary>
    public Analyzer ExactSynonyms { get; }

    public Analyzer FoldedSynonyms { get; }

    public Analyzer Bio { get; }

    public Analyzer BioFolded { get; }

    public Analyzer NamePrefixIndex { get; }

    public Analyzer NamePrefixSearch { get; }

    /// <summary>Prefixes of the first word only (the family name, as Vietnamese names are written): ranks suggestions.</summary>
    public Analyzer NameFirstPrefixIndex { get; }

    /// <summary>Per-field index analyzers, as the mapping's <c>analyzer</c> settings say.</summary>
    public Analyzer Indexing { get; }

    internal SynonymExpander ExactExpander { get; }

    internal SynonymExpander FoldedExpander { get; }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public Analyzer this[string name] => _byName[name];

    /// <summary>The terms an analyzer produces for a text, in order.</summary>
    public static List<string> Terms(Analyzer analyzer, string text, string field = "")
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<global::Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>The terms an analyzer produces for a text with their positions: a removed stopword leaves a gap.</summary>
    public static List<(string Term, int Position)> Tokens(Analyzer analyzer, string text, string field = "")
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<global::Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var increment = stream.AddAttribute<global::Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }

        stream.End();
        return tokens;
    }

    /// <summary>
    /// False only when no token that the analyzer <paramref name="analyzer"/> makes of <paramref name="text"/> can be
    /// one of <paramref name="terms"/>, so a highlighter may pass the text by unread.
    /// </summary>
    internal bool MayProduceAny(string analyzer, string text, IReadOnlyCollection<string> terms) =>
        PossibleTerms(analyzer, text, terms) > 0;

    /// <summary>
    /// At least as many as the distinct <paramref name="terms"/> among the tokens the analyzer <paramref name="analyzer"/>
    /// makes of <paramref name="text"/>; it stops counting once past <paramref name="enough"/>. The chains this knows
    /// (vi_exact, vi_folded, vi_bio, vi_bio_folded) map tech terms, cut the result into tokens, lower and maybe fold each
    /// one character by character and drop stopwords: every token is then found, as written, in the mapped text lowered
    /// (and folded) as a whole. Any other analyzer, or text whose lowering needs Lucene's own code, counts every term.
    /// </summary>
    internal int PossibleTerms(string analyzer, string text, IReadOnlyCollection<string> terms, int enough = 0)
    {
        bool folds;
        switch (analyzer)
        {
            case AnalyzerNames.Folded or AnalyzerNames.BioFolded:
                folds = true;
                break;
            case AnalyzerNames.Exact or AnalyzerNames.Bio:
                folds = false;
                break;
            default:
                return terms.Count;
        }

        var mapped = text.AsSpan().IndexOfAny(TechTermMap.Anchors) < 0 ? text : _techTerms.Apply(text, null);
        var lowered = ArrayPool<char>.Shared.Rent(mapped.Length);
        var folded = folds ? ArrayPool<char>.Shared.Rent(mapped.Length * 4) : null;
        try
        {
            Span<char> analysed;
            if (folded is not null && LowerCase.TryApplyFolded(mapped, folded))
            {
                analysed = folded.AsSpan(0, mapped.Length);
            }
            else if (!LowerCase.TryApply(mapped, lowered))
            {
                return terms.Count;
            }
            else
            {
                analysed = folded is null
                    ? lowered.AsSpan(0, mapped.Length)
                    : folded.AsSpan(0, ASCIIFoldingFilter.FoldToASCII(lowered, 0, folded, 0, mapped.Length));
            }

            // Folding writes at least one character for each, so equal lengths mean one for one.
            var aligned = analysed.Length == mapped.Length;
            var count = 0;
            foreach (var term in terms)
            {
                if (aligned ? OccursAsWord(analysed, mapped, term) : analysed.IndexOf(term, StringComparison.Ordinal) >= 0)
                {
                    if (++count > enough)
                    {
                        break;
                    }
                }
            }

            return count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(lowered);
            if (folded is not null)
            {
                ArrayPool<char>.Shared.Return(folded);
            }
        }
    }

    /// <summary>
    /// Whether the term occurs in the analysed text where the tokenizer may cut it out: an occurrence is passed by only
    /// where a Latin letter or digit of the tokenizer's input runs on into it, before or after. Word segmentation
    /// (UAX #29, which the standard tokenizer follows) never breaks between two of those, so the token there is
    /// longer than the term ("an" in "plan" or "analysis").
    /// </summary>
    private static bool OccursAsWord(ReadOnlySpan<char> analysed, ReadOnlySpan<char> input, string term)
    {
        if (term.Length == 0)
        {
            return true;
        }

        for (var from = 0; ;)
        {
            var found = analysed[from..].IndexOf(term, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            var start = from + found;
            var end = start + term.Length;
            var runsIn = start > 0 && JoinsWords(input[start - 1]) && JoinsWords(input[start]);
            var runsOn = end < input.Length && JoinsWords(input[end - 1]) && JoinsWords(input[end]);
            if (!runsIn && !runsOn)
            {
                return true;
            }

            from = start + 1;
        }
    }

    /// <summary>ASCII letters and digits and the Latin letters of Latin-1, Extended-A/B and Extended Additional (Vietnamese): all ALetter or Numeric in UAX #29.</summary>
    private static bool JoinsWords(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || (c is >= '\u00C0' and <= '\u024F' && c is not '\u00D7' and not '\u00F7')
        || c is >= '\u1E00' and <= '\u1EFF';

    public void Dispose()
    {
        Indexing.Dispose();
        foreach (var analyzer in _byName.Values)
        {
            analyzer.Dispose();
        }
    }

    private static StandardTokenizer Standard(TextReader reader) => new(Version, reader);

    private static TableLowerCaseFilter Lower(TokenStream stream) => new(stream);

    private static TechTermMap BuildTechTerms() => new(SearchAnalysis.TechTermMappings());

    private static SynonymMap BuildSynonymMap(string synonymsFile, Analyzer chainBeforeSynonyms)
    {
        // Rules are analysed by the chain in front of the filter, as Elasticsearch does, so one
        // file serves the exact and the folded analyzer.
        var parser = new SolrSynonymParser(true, true, chainBeforeSynonyms);
        parser.Parse(new StringReader(string.Join('\n', SynonymSet.Parse(synonymsFile).Lines)));
        return parser.Build();
    }

    private sealed class ChainAnalyzer(
        TechTermMap? charMap,
        Func<TextReader, Tokenizer> tokenizer,
        Func<TokenStream, TokenStream> filters) : Analyzer
    {
        // Multi-valued fields (keywords, variants, publications) must not let phrases run from one value into the next.
        public override int GetPositionIncrementGap(string fieldName) => 100;

        protected override TextReader InitReader(string fieldName, TextReader reader) =>
            charMap is null ? reader : new TechTermsCharFilter(reader, charMap);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = tokenizer(reader);
            return new TokenStreamComponents(source, filters(source));
        }
    }
}

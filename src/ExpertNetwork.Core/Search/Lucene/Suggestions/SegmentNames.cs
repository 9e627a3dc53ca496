using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Lucene.Suggestions;

/// <summary>
/// The name fields of one segment core rearranged for suggestions: documents numbered by rank (their place in
/// name order, then doc id, as the sort of the suggestion query orders ties), and every posting list sorted by
/// rank, so the best-ranked matches of a tier come first and a search can stop after the first few. Built from the
/// very fields the suggestion query used to read (<c>names.prefix</c>, <c>name.first_prefix</c>, <c>names</c>,
/// <c>name.kw</c>), so it matches and ranks alike whatever the analyzers do. Deleted documents are kept: deletions
/// change with every reader of the core and are applied when searching.
/// </summary>
internal sealed class SegmentNames
{
    private SegmentNames(int[] docOfRank, PrefixWords prefixes, PrefixWords firstPrefixes, WholeWords words, TimeSpan buildTime)
    {
        DocOfRank = docOfRank;
        Prefixes = prefixes;
        FirstPrefixes = firstPrefixes;
        Words = words;
        BuildTime = buildTime;
    }

    public int[] DocOfRank { get; }

    /// <summary>Edge grams of every name word: a typed word matches a document that has it as a gram.</summary>
    public PrefixWords Prefixes { get; }

    /// <summary>Edge grams of the first word of the name: the +1 for names starting with the first typed word.</summary>
    public PrefixWords FirstPrefixes { get; }

    /// <summary>Whole name words: the +2 for each finished typed word that is one.</summary>
    public WholeWords Words { get; }

    public TimeSpan BuildTime { get; }

    public long MemoryBytes => sizeof(int) * (long)DocOfRank.Length + Prefixes.MemoryBytes + FirstPrefixes.MemoryBytes + Words.MemoryBytes;

    public static SegmentNames Build(AtomicReader reader)
    {
        var started = Stopwatch.GetTimestamp();
        var (docOfRank, rankOfDoc) = NameOrder(reader);
        var prefixes = PrefixWords.Build(reader.GetTerms(F.NamesPrefix), rankOfDoc);
        var firstPrefixes = PrefixWords.Build(reader.GetTerms(F.NameFirstPrefix), rankOfDoc);
        var words = WholeWords.Build(reader.GetTerms(F.Names), rankOfDoc);
        return new SegmentNames(docOfRank, prefixes, firstPrefixes, words, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Documents by name sort ord then doc id; a document without a sort key has ord -1 and comes first, as Lucene sorts it.</summary>
    private static (int[] DocOfRank, int[] RankOfDoc) NameOrder(AtomicReader reader)
    {
        var maxDoc = reader.MaxDoc;
        var sortKeys = reader.GetSortedDocValues(F.NameSort);
        var valueCount = sortKeys?.ValueCount ?? 0;

        // A counting sort by ord + 1 keeps doc ids ascending within an ord.
        var firstRankOfOrd = new int[valueCount + 2];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            firstRankOfOrd[(sortKeys?.GetOrd(doc) ?? -1) + 2]++;
        }

        for (var i = 1; i < firstRankOfOrd.Length; i++)
        {
            firstRankOfOrd[i] += firstRankOfOrd[i - 1];
        }

        var docOfRank = new int[maxDoc];
        var rankOfDoc = new int[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            var rank = firstRankOfOrd[(sortKeys?.GetOrd(doc) ?? -1) + 1]++;
            docOfRank[rank] = doc;
            rankOfDoc[doc] = rank;
        }

        return (docOfRank, rankOfDoc);
    }
}

/// <summary>The terms of one field, packed as UTF-8 in term order, looked up by binary search.</summary>
internal sealed class TermDictionary
{
    private readonly byte[] _bytes;
    private readonly int[] _starts;

    public TermDictionary(byte[] bytes, int[] starts)
    {
        _bytes = bytes;
        _starts = starts;
    }

    public int Count => _starts.Length - 1;

    public long MemoryBytes => _bytes.Length + sizeof(int) * (long)_starts.Length;

    public ReadOnlySpan<byte> this[int ord] => _bytes.AsSpan(_starts[ord], _starts[ord + 1] - _starts[ord]);

    /// <summary>The ord of the term, or -1. Lucene orders terms by unsigned bytes, as span comparison does.</summary>
    public int Find(ReadOnlySpan<byte> term)
    {
        var low = 0;
        var high = Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = this[middle].SequenceCompareTo(term);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}

/// <summary>
/// An edge-gram field. Of each document only its longest grams are kept, the "words" (a gram that no other gram of
/// the document extends): the document has a gram g exactly when one of its words starts with g, and the words
/// starting with g are the contiguous ords from g to <see cref="SubtreeEnd"/>[g], so one range stands for a gram.
/// </summary>
internal sealed class PrefixWords
{
    private PrefixWords(TermDictionary terms, int[] subtreeEnd, RankLists ranksOfWord, int[] wordStartOfRank, int[] wordsByRank,
        bool atMostOneWordPerDocument)
    {
        Terms = terms;
        SubtreeEnd = subtreeEnd;
        RanksOfWord = ranksOfWord;
        WordStartOfRank = wordStartOfRank;
        WordsByRank = wordsByRank;
        AtMostOneWordPerDocument = atMostOneWordPerDocument;
    }

    public TermDictionary Terms { get; }

    /// <summary>Per gram ord, the first ord after it that does not start with it.</summary>
    public int[] SubtreeEnd { get; }

    /// <summary>Per word ord, the ranks of the documents that have that word, ascending.</summary>
    public RankLists RanksOfWord { get; }

    /// <summary>Per rank, where its words start in <see cref="WordsByRank"/>.</summary>
    public int[] WordStartOfRank { get; }

    public int[] WordsByRank { get; }

    /// <summary>True when no document has two words (so a range's lists hold each document once).</summary>
    public bool AtMostOneWordPerDocument { get; }

    public long MemoryBytes => Terms.MemoryBytes + sizeof(int) * ((long)SubtreeEnd.Length + WordStartOfRank.Length + WordsByRank.Length)
        + RanksOfWord.MemoryBytes;

    /// <summary>The ords of the words starting with <paramref name="gram"/>, or null when no document has it.</summary>
    public (int First, int End)? Range(ReadOnlySpan<byte> gram)
    {
        var ord = Terms.Find(gram);
        return ord < 0 ? null : (ord, SubtreeEnd[ord]);
    }

    public bool HasWordIn(int rank, int firstWord, int endWord)
    {
        for (var i = WordStartOfRank[rank]; i < WordStartOfRank[rank + 1]; i++)
        {
            var word = WordsByRank[i];
            if (word >= firstWord && word < endWord)
            {
                return true;
            }
        }

        return false;
    }

    public static PrefixWords Build(Terms? terms, int[] rankOfDoc)
    {
        var maxDoc = rankOfDoc.Length;
        var bytes = new GrowableBytes();
        var starts = new GrowableInts();
        var subtreeEnd = new GrowableInts();
        var openAncestors = new Stack<int>();

        // In term order a document's grams come word by word, each word's grams shortest first: the gram seen last
        // for a document is one of its words unless the next gram of the document extends it.
        var lastGramOfDoc = new int[maxDoc];
        Array.Fill(lastGramOfDoc, -1);
        var wordDocs = new GrowableInts();
        var wordOrds = new GrowableInts();

        if (terms is not null)
        {
            var termsEnum = terms.GetEnumerator();
            DocsEnum? postings = null;
            while (termsEnum.MoveNext())
            {
                var term = termsEnum.Term;
                var ord = starts.Count;
                starts.Add(bytes.Count);
                bytes.Add(term.Bytes.AsSpan(term.Offset, term.Length));
                subtreeEnd.Add(0);
                var current = bytes.Span(starts[ord], term.Length);
                while (openAncestors.Count > 0 && !current.StartsWith(Earlier(openAncestors.Peek())))
                {
                    subtreeEnd[openAncestors.Pop()] = ord;
                }

                openAncestors.Push(ord);

                postings = termsEnum.Docs(null, postings, DocsFlags.NONE);
                int doc;
                while ((doc = postings.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    var previous = lastGramOfDoc[doc];
                    if (previous >= 0 && !current.StartsWith(Earlier(previous)))
                    {
                        wordDocs.Add(doc);
                        wordOrds.Add(previous);
                    }

                    lastGramOfDoc[doc] = ord;
                }
            }
        }

        var gramCount = starts.Count;
        starts.Add(bytes.Count);
        while (openAncestors.Count > 0)
        {
            subtreeEnd[openAncestors.Pop()] = gramCount;
        }

        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (lastGramOfDoc[doc] >= 0)
            {
                wordDocs.Add(doc);
                wordOrds.Add(lastGramOfDoc[doc]);
            }
        }

        // Words by rank first (a counting sort), then the lists of each word filled walking ranks upwards, so they come out sorted.
        var wordStartOfRank = new int[maxDoc + 1];
        for (var i = 0; i < wordDocs.Count; i++)
        {
            wordStartOfRank[rankOfDoc[wordDocs[i]] + 1]++;
        }

        var atMostOne = true;
        for (var rank = 0; rank < maxDoc; rank++)
        {
            atMostOne &= wordStartOfRank[rank + 1] <= 1;
            wordStartOfRank[rank + 1] += wordStartOfRank[rank];
        }

        var wordsByRank = new int[wordDocs.Count];
        var fill = wordStartOfRank[..^1];
        for (var i = 0; i < wordDocs.Count; i++)
        {
            wordsByRank[fill[rankOfDoc[wordDocs[i]]]++] = wordOrds[i];
        }

        var listStarts = new int[gramCount + 1];
        foreach (var word in wordsByRank)
        {
            listStarts[word + 1]++;
        }

        for (var ord = 0; ord < gramCount; ord++)
        {
            listStarts[ord + 1] += listStarts[ord];
        }

        var ranks = new int[wordsByRank.Length];
        var next = listStarts[..^1];
        for (var rank = 0; rank < maxDoc; rank++)
        {
            for (var i = wordStartOfRank[rank]; i < wordStartOfRank[rank + 1]; i++)
            {
                ranks[next[wordsByRank[i]]++] = rank;
            }
        }

        return new PrefixWords(new TermDictionary(bytes.ToArray(), starts.ToArray()), subtreeEnd.ToArray(),
            new RankLists(listStarts, ranks), wordStartOfRank, wordsByRank, atMostOne);

        // A gram before the current one, whose end is where the next one starts.
        ReadOnlySpan<byte> Earlier(int ord) => bytes.Span(starts[ord], starts[ord + 1] - starts[ord]);
    }
}

/// <summary>The terms of an analysed field with, per term, the ranks of the documents holding it, ascending.</summary>
internal sealed class WholeWords
{
    private WholeWords(TermDictionary terms, RankLists ranksOfWord)
    {
        Terms = terms;
        RanksOfWord = ranksOfWord;
    }

    public TermDictionary Terms { get; }

    public RankLists RanksOfWord { get; }

    public long MemoryBytes => Terms.MemoryBytes + RanksOfWord.MemoryBytes;

    public static WholeWords Build(Terms? terms, int[] rankOfDoc)
    {
        var bytes = new GrowableBytes();
        var starts = new GrowableInts();
        var listStarts = new GrowableInts();
        var ranks = new GrowableInts();
        if (terms is not null)
        {
            var termsEnum = terms.GetEnumerator();
            DocsEnum? postings = null;
            while (termsEnum.MoveNext())
            {
                var term = termsEnum.Term;
                starts.Add(bytes.Count);
                bytes.Add(term.Bytes.AsSpan(term.Offset, term.Length));
                listStarts.Add(ranks.Count);
                postings = termsEnum.Docs(null, postings, DocsFlags.NONE);
                int doc;
                while ((doc = postings.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    ranks.Add(rankOfDoc[doc]);
                }

                ranks.SortFrom(listStarts[^1]);
            }
        }

        starts.Add(bytes.Count);
        listStarts.Add(ranks.Count);
        return new WholeWords(new TermDictionary(bytes.ToArray(), starts.ToArray()), new RankLists(listStarts.ToArray(), ranks.ToArray()));
    }
}

/// <summary>Rank lists in one array: list i is <c>Ranks[Starts[i]..Starts[i + 1]]</c>, each ascending.</summary>
internal sealed class RankLists(int[] starts, int[] ranks)
{
    public int[] Starts { get; } = starts;

    public int[] Ranks { get; } = ranks;

    public long MemoryBytes => sizeof(int) * ((long)Starts.Length + Ranks.Length);

    /// <summary>Entries in lists first to end - 1: the cost of walking their union.</summary>
    public int Size(int first, int end) => Starts[end] - Starts[first];
}

internal sealed class GrowableInts
{
    private int[] _items = new int[1024];

    public int Count { get; private set; }

    public int this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public int this[Index index] => _items[index.GetOffset(Count)];

    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
    }

    public void SortFrom(int start) => Array.Sort(_items, start, Count - start);

    public int[] ToArray() => _items[..Count];
}

internal sealed class GrowableBytes
{
    private byte[] _items = new byte[4096];

    public int Count { get; private set; }

    public void Add(ReadOnlySpan<byte> values)
    {
        if (Count + values.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length * 2, Count + values.Length));
        }

        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }

    public ReadOnlySpan<byte> Span(int start, int length) => _items.AsSpan(start, length);

    public byte[] ToArray() => _items[..Count];
}

using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Lucene;

/// <summary>Turns an <see cref="ExpertDocument"/> into Lucene fields named like the Elasticsearch mapping's paths.</summary>
internal static class LuceneDocuments
{
    /// <summary>Bumped when the fields below change, so indexes built by older code are rebuilt at start-up.</summary>
    public const int Layout = 4;

    // Variants repeat the same syllables; norms would punish people with more of them.
    private static readonly FieldType VariantType = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { OmitNorms = true });

    private static readonly FieldType PrefixType = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

    // Publications are most of the indexed text and are only ever matched term by term, so no positions.
    private static readonly FieldType PublicationType = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    });

    /// <summary>
    /// Publication texts for snippets, kept as binary doc values rather than stored fields: compressing
    /// ~4 KB of stored text per profile cost more than analysing it. Values are joined by <see cref="PublicationSeparator"/>.
    /// </summary>
    public const string PublicationText = "publications.text";

    public const char PublicationSeparator = '\u001f';

    // Binary doc values hold at most 32766 bytes per document.
    private const int MaxBinaryBytes = 32_766;

    /// <summary>Stored fields a hit needs for display and highlighting.</summary>
    public static readonly IReadOnlyDictionary<string, string> HighlightSources = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HighlightFields.FullName] = F.Name,
        [HighlightFields.OtherNames] = F.OtherNames,
        [HighlightFields.Headline] = F.Headline,
        [HighlightFields.Affiliation] = F.Affiliation,
        [HighlightFields.Keywords] = F.Keywords,
        [HighlightFields.Bio] = F.Bio,
    };

    /// <summary>
    /// What a hit shows and highlights (<see cref="HitSlots"/>), a copy of those stored fields as one binary doc value.
    /// Stored fields are compressed in 16 KB chunks, so reading one document decompressed half a chunk of its
    /// neighbours byte by byte: a quarter of a query's CPU for a page of 20 hits.
    /// </summary>
    public const string HitText = "hit.text";

    /// <summary>The stored fields <see cref="HitText"/> copies, in this order of slots.</summary>
    private static readonly string[] HitSlots = [F.Id, F.FullName, F.Name, F.OtherNames, F.Headline, F.Affiliation, F.Keywords, F.Bio];

    private static readonly HashSet<string> HitSlotSet = new(HitSlots, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> SlotOf = HitSlots.Select((field, slot) => (field, slot)).ToDictionary(p => p.field, p => p.slot, StringComparer.Ordinal);

    public static Document Build(ExpertDocument expert)
    {
        var doc = BuildFields(expert);
        if (EncodeHit(doc) is { } hit)
        {
            doc.Add(new BinaryDocValuesField(HitText, new BytesRef(hit)));
        }

        return doc;
    }

    /// <summary>
    /// A hit's id, display name and highlight sources from <see cref="HitText"/>, or from the stored fields for a
    /// document whose text passed the doc value's size limit.
    /// </summary>
    public static HitSource ReadHit(IndexSearcher searcher, int docId)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        if (leaf.AtomicReader.GetBinaryDocValues(HitText) is { } values)
        {
            var bytes = new BytesRef();
            values.Get(docId - leaf.DocBase, bytes);
            if (bytes.Length > 0)
            {
                return DecodeHit(bytes);
            }
        }

        var stored = searcher.Doc(docId, HitSlotSet);
        return new HitSource(HitSlots.Select(stored.GetValues).ToArray());
    }

    /// <summary>Each slot: one byte, then the UTF-8 length as two bytes, then the UTF-8 text; null past <see cref="MaxBinaryBytes"/>.</summary>
    private static byte[]? EncodeHit(Document doc)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        foreach (var field in doc)
        {
            if (!field.IndexableFieldType.IsStored || !SlotOf.TryGetValue(field.Name, out var slot) || field.GetStringValue() is not { } text)
            {
                continue;
            }

            var length = System.Text.Encoding.UTF8.GetByteCount(text);
            if (buffer.WrittenCount + 3 + length > MaxBinaryBytes)
            {
                return null;
            }

            var span = buffer.GetSpan(3 + length);
            span[0] = (byte)slot;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)length);
            System.Text.Encoding.UTF8.GetBytes(text, span[3..]);
            buffer.Advance(3 + length);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static HitSource DecodeHit(BytesRef bytes)
    {
        var values = new List<string>?[HitSlots.Length];
        var data = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length);
        while (data.Length > 0)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(data[1..]);
            (values[data[0]] ??= []).Add(System.Text.Encoding.UTF8.GetString(data.Slice(3, length)));
            data = data[(3 + length)..];
        }

        return new HitSource(values.Select(v => v?.ToArray() ?? []).ToArray());
    }

    private static Document BuildFields(ExpertDocument expert)
    {
        var doc = new Document
        {
            new StringField(F.Id, expert.Id, Field.Store.YES),

            // The last sort key of every order, as Elasticsearch's keyword doc values are.
            new SortedDocValuesField(F.Id, new BytesRef(expert.Id)),
            new StoredField(F.FullName, expert.DisplayName),
            new StoredField(F.Name, expert.Name),
            new Field(F.NameFirstPrefix, expert.Name, PrefixType),
            new SortedDocValuesField(F.NameSort, new BytesRef(expert.NameSortKey)),
        };

        foreach (var other in expert.OtherNames)
        {
            doc.Add(new StoredField(F.OtherNames, other));
        }

        foreach (var name in expert.Names)
        {
            doc.Add(new TextField(F.Names, name, Field.Store.NO));
            doc.Add(new Field(F.NamesPrefix, name, PrefixType));
        }

        foreach (var variant in expert.NameVariants)
        {
            doc.Add(new Field(F.NameVariants, variant, VariantType));
            doc.Add(new Field(F.NameVariantsExact, variant, VariantType));
        }

        foreach (var keyword in expert.Keywords)
        {
            doc.Add(new TextField(F.Keywords, keyword, Field.Store.YES));
            doc.Add(new TextField(F.KeywordsFolded, keyword, Field.Store.NO));
        }

        foreach (var field in expert.Fields)
        {
            doc.Add(new StringField(F.Fields, field, Field.Store.NO));
            doc.Add(new TextField(F.FieldsText, field, Field.Store.NO));
        }

        AddText(doc, F.Headline, F.HeadlineFolded, expert.Headline);
        AddText(doc, F.Affiliation, F.AffiliationFolded, expert.Affiliation);
        AddText(doc, F.Bio, F.BioFolded, expert.Bio);
        foreach (var publication in expert.Publications)
        {
            doc.Add(new Field(F.Publications, publication, PublicationType));
        }

        if (expert.Publications.Count > 0)
        {
            doc.Add(new BinaryDocValuesField(PublicationText, new BytesRef(Utf8Prefix(string.Join(PublicationSeparator, expert.Publications), MaxBinaryBytes))));
        }

        AddKeyword(doc, F.Country, expert.Country, Field.Store.YES);
        if (expert.City is not null)
        {
            doc.Add(new StoredField(F.City, expert.City));
        }

        AddKeyword(doc, F.Location, expert.Location);
        AddKeyword(doc, F.Degree, expert.Degree);
        foreach (var engagement in expert.Engagement)
        {
            AddKeyword(doc, F.Engagement, engagement);
        }

        foreach (var language in expert.Languages)
        {
            AddKeyword(doc, F.Languages, language);
        }

        if (expert.HIndex is { } hIndex)
        {
            doc.Add(new NumericDocValuesField(F.HIndex, hIndex));
        }

        return doc;
    }

    /// <summary>The values of <see cref="HitSlots"/> of one document, each in the order it was stored.</summary>
    internal sealed class HitSource(string[][] values)
    {
        public string Id => values[SlotOf[F.Id]].FirstOrDefault() ?? "";

        public string FullName => values[SlotOf[F.FullName]].FirstOrDefault() ?? "";

        /// <summary>The values of a stored field, as Lucene's Document.GetValues gives them.</summary>
        public string[] Values(string field) => values[SlotOf[field]];
    }

    private static void AddText(Document doc, string exact, string folded, string? text)
    {
        if (text is null)
        {
            return;
        }

        // The Lucene query matches free text on the folded field only; the exact text is kept for snippets.
        doc.Add(new StoredField(exact, text));
        doc.Add(new TextField(folded, text, Field.Store.NO));
    }

    private static void AddKeyword(Document doc, string field, string? value, Field.Store store = Field.Store.NO)
    {
        if (value is not null)
        {
            doc.Add(new StringField(field, value, store));
        }
    }

    private static byte[] Utf8Prefix(string text, int maxBytes)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= maxBytes)
        {
            return bytes;
        }

        var end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return bytes[..end];
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }
}

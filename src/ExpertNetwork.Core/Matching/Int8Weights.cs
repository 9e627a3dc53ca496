using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace ExpertNetwork.Matching;

/// <summary>
/// Dynamic int8 quantization of an ONNX transformer, done when the model is first loaded instead of shipping a second
/// model file: every MatMul whose weight is a constant float matrix becomes ONNX Runtime's DynamicQuantizeMatMul, with the
/// weight stored as int8 and one symmetric scale per output column, and the activations quantized at run time. On CPUs with
/// VNNI this halves the CPU per text. Embeddings, layer norms and the attention products stay float.
/// </summary>
public static class Int8Weights
{
    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private const int Int8Type = (int)TensorProto.Types.DataType.Int8;
    private const string ContribDomain = "com.microsoft";

    /// <returns>The quantized model and how many MatMuls were replaced.</returns>
    public static (byte[] Model, int Quantized) Quantize(byte[] onnxModel)
    {
        var model = ModelProto.Parser.ParseFrom(onnxModel);
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(i => i.Name);
        var nodes = graph.Node.ToList();
        graph.Node.Clear();
        var quantized = 0;
        foreach (var node in nodes)
        {
            if (node.OpType == "MatMul" && node.Input.Count == 2 && weights.TryGetValue(node.Input[1], out var weight)
                && weight.DataType == FloatType && weight.Dims.Count == 2)
            {
                graph.Initializer.Remove(weight);
                graph.Node.Add(QuantizedMatMul(node, weight, graph));
                quantized++;
            }
            else
            {
                graph.Node.Add(node);
            }
        }

        if (quantized > 0 && model.OpsetImport.All(o => o.Domain != ContribDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = ContribDomain, Version = 1 });
        }

        return (model.ToByteArray(), quantized);
    }

    private static NodeProto QuantizedMatMul(NodeProto matMul, TensorProto weight, GraphProto graph)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        var values = weight.FloatData.Count > 0 ? weight.FloatData.ToArray() : MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray();
        if (values.Length != rows * columns)
        {
            throw new InvalidDataException($"ONNX weight '{weight.Name}' holds {values.Length} values for a {rows}×{columns} matrix.");
        }

        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(values[r * columns + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] == 0 ? 1 : scales[c] / sbyte.MaxValue;
        }

        var levels = new byte[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                levels[r * columns + c] = unchecked((byte)(sbyte)Math.Clamp((int)MathF.Round(values[r * columns + c] / scales[c]), -sbyte.MaxValue, sbyte.MaxValue));
            }
        }

        var levelsTensor = new TensorProto { Name = weight.Name + ".int8", DataType = Int8Type, RawData = ByteString.CopyFrom(levels) };
        levelsTensor.Dims.Add([rows, columns]);
        var scaleTensor = new TensorProto { Name = weight.Name + ".scale", DataType = FloatType };
        scaleTensor.FloatData.Add(scales);
        scaleTensor.Dims.Add(columns);
        var zeroTensor = new TensorProto { Name = weight.Name + ".zero", DataType = Int8Type, RawData = ByteString.CopyFrom(new byte[columns]) };
        zeroTensor.Dims.Add(columns);
        graph.Initializer.Add([levelsTensor, scaleTensor, zeroTensor]);

        var node = new NodeProto { OpType = "DynamicQuantizeMatMul", Domain = ContribDomain, Name = matMul.Name + ".int8" };
        node.Input.Add([matMul.Input[0], levelsTensor.Name, scaleTensor.Name, zeroTensor.Name]);
        node.Output.Add(matMul.Output);
        return node;
    }
}

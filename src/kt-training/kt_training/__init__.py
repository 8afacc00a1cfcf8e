"""Knowledge-tracing training for TutorApp: DKT, CAKT and PSI-KT in PyTorch, exported to ONNX for the C# server."""

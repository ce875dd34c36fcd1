import Foundation

/// Headless Chromium (Debian package `chromium`, installed by scripts/install-deps) for tests that
/// check a rendered page: its DOM and the pixels of a screenshot. Missing Chromium is a failure,
/// never a skip.
public enum HeadlessChromium {
    /// Why a page could not be rendered or measured.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static let executable = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs Chromium headless with `arguments` (`--dump-dom URL`, `--screenshot=PNG URL`…) and a
    /// fresh profile folder, under a 90-second timeout.
    public static func run(_ arguments: [String], profile: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let executable else {
            throw Failure(description: "chromium is not installed: run scripts/install-deps (apt-get install chromium) — this test does not skip")
        }
        return try TestSupport.run("/usr/bin/timeout", ["90", executable, "--headless", "--no-sandbox", "--disable-gpu",
                                                        "--user-data-dir=\(profile.path)", "--hide-scrollbars"] + arguments)
    }

    /// How many pixels of the 8-bit RGB/RGBA PNG at `png` have each colour (hex `rrggbb`), each
    /// channel within `tolerance`.
    public static func countPixels(in png: URL, colours: [String], tolerance: Int = 6) throws -> [Int] {
        let result = try TestSupport.run("/usr/bin/env", ["python3", "-c", pixelCounter, png.path, String(tolerance)] + colours)
        let counts = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard result.status == 0, counts.count == colours.count else {
            throw Failure(description: "cannot count pixels in \(png.path): \(result.stderr.suffix(500))")
        }
        return counts
    }

    /// Decodes the PNG (all five row filters) and counts the pixels near each target colour.
    static let pixelCounter = #"""
    import sys, zlib, struct
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    tolerance = int(sys.argv[2])
    pos, idat, width, height, ctype = 8, b'', 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + length]; pos += 12 + length
        if kind == b'IHDR': width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT': idat += body
    bpp = {2: 3, 6: 4}[ctype]; raw = zlib.decompress(idat); stride = width * bpp
    prev = bytearray(stride); targets = [tuple(bytes.fromhex(c)) for c in sys.argv[3:]]; counts = [0] * len(targets)
    for y in range(height):
        f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            for k, t in enumerate(targets):
                if all(abs(line[x + j] - t[j]) <= tolerance for j in range(3)): counts[k] += 1
        prev = line
    print(' '.join(map(str, counts)))
    """#
}

#!/usr/bin/env python3
"""Writes the C3D / Video2GIF parity fixtures for video2gif-core's tests (numpy only).

The files use the authors' exact formats:
  * c3d_model.pkl          a protocol-2 pickle of a list of float32 arrays, with the opcodes Python 2 numpy
                           writes (GLOBAL numpy.core.multiarray._reconstruct, numpy.dtype, the array bytes as a
                           Python 2 str: SHORT_BINSTRING / BINSTRING), layers in order
                           [conv1a.W, conv1a.b, ..., conv5b.W, conv5b.b, fc6.W, fc6.b, fc7.W, fc7.b, fc8.W, fc8.b]
  * video2gif_weights.npz  a zip whose entry arr_0.npy is an OBJECT array (its payload a protocol-2 pickle)
                           holding [h1.W, h1.b, h2.W, h2.b, score.W, score.b]
  * snipplet_mean.npy      the mean snippet, float32, 3 x 16 x 128 x 171
The expected outputs come from an independent numpy implementation of C3D + the scoring MLP below (float64).

Usage:
  python3 make_fixtures.py            small model (channels 4..8, fc6 16) into this folder; the mean and the
                                      frames are formulas (mean_value, frame_pixel) that the Java test
                                      recomputes, so that the committed files stay small
  python3 make_fixtures.py --full DIR full-size C3D (64..512 channels, fc6 4096, head 512/128/1), random
                                      weights and a random mean, written to DIR (about 330 MB; not committed)
"""
import io
import os
import pickle
import struct
import sys
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N_FRAMES = 24          # two snippets: frames 0..15 and 8..23
H, W = 128, 171        # the release's frame size


# ----------------------------------------------------------------------------------------------------------
# A pickler that writes what Python 2 numpy wrote at protocol 2.

class _Global:
    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):  # only so that pickle's save_reduce accepts it; never called
        raise TypeError('a marker')


RECONSTRUCT = _Global('numpy.core.multiarray', '_reconstruct')
NDARRAY = _Global('numpy', 'ndarray')
DTYPE = _Global('numpy', 'dtype')


class _Py2Dtype:
    def __init__(self, typestr, order, flags):
        self.typestr, self.order, self.flags = typestr, order, flags


class Py2Pickler(pickle._Pickler):
    """Python 2 numpy at protocol 2: byte and text strings are py2 str (SHORT_BINSTRING/BINSTRING)."""
    dispatch = dict(pickle._Pickler.dispatch)

    def __init__(self, f):
        super().__init__(f, protocol=2, fix_imports=False)

    def save_py2str(self, obj):
        data = obj if isinstance(obj, bytes) else obj.encode('latin1')
        n = len(data)
        if n < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([n]) + data)
        else:
            self.write(pickle.BINSTRING + struct.pack('<i', n) + data)
        self.memoize(obj)

    dispatch[bytes] = save_py2str
    dispatch[str] = save_py2str

    def save_global_marker(self, obj):
        self.write(pickle.GLOBAL + obj.module.encode() + b'\n' + obj.name.encode() + b'\n')
        self.memoize(obj)

    dispatch[_Global] = save_global_marker

    def save_dtype(self, d):
        # numpy's arraydescr_reduce: (dtype, (typestr, 0, 1), (3, order, None, None, None, -1, -1, flags))
        self.save_reduce(DTYPE, (d.typestr, 0, 1), (3, d.order, None, None, None, -1, -1, d.flags), obj=d)

    dispatch[_Py2Dtype] = save_dtype

    def save_ndarray(self, a):
        if a.dtype == object:
            dt = _Py2Dtype('O8', '|', 63)
            data = list(a.ravel(order='C'))
        else:
            a = np.ascontiguousarray(a)
            dt = _Py2Dtype(a.dtype.kind + str(a.dtype.itemsize),
                           '|' if a.dtype.itemsize == 1 else ('>' if a.dtype.byteorder == '>' else '<'), 0)
            data = a.tobytes()
        self.save_reduce(RECONSTRUCT, (NDARRAY, (0,), b'b'), (1, tuple(int(s) for s in a.shape), dt, False, data),
                         obj=a)

    dispatch[np.ndarray] = save_ndarray


def py2_pickle(obj):
    f = io.BytesIO()
    Py2Pickler(f).dump(obj)
    return f.getvalue()


def npy_bytes_object(arr):
    """An .npy of an object array, as numpy.save wrote it under Python 2 (format 1.0, pickle protocol 2)."""
    return npy_header('|O', arr.shape) + py2_pickle(arr)


def npy_header(descr, shape, fortran=False):
    shape_s = '(' + ', '.join(str(int(s)) for s in shape) + (',)' if len(shape) == 1 else ')')
    d = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_s)
    pad = (64 - (10 + len(d) + 1) % 64) % 64
    h = (d + ' ' * pad + '\n').encode('latin1')
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h


def write_npz_object(path, items):
    arr = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        arr[i] = x
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('arr_0.npy', npy_bytes_object(arr))


# ----------------------------------------------------------------------------------------------------------
# Formulas shared with the Java test (kept in 32-bit integer arithmetic).

def mean_value():
    c, t, h, w = np.meshgrid(np.arange(3), np.arange(16), np.arange(H), np.arange(W), indexing='ij')
    return (((c * 31 + t * 7 + h * 3 + w) % 97).astype(np.float32) * np.float32(1.5) - np.float32(40.0))


def frame_pixels(n_frames):
    """uint8 RGB frames (n, H, W, 3): a 32-bit integer hash of (t, y, x, channel)."""
    t, y, x, ch = np.meshgrid(np.arange(n_frames, dtype=np.uint64), np.arange(H, dtype=np.uint64),
                              np.arange(W, dtype=np.uint64), np.arange(3, dtype=np.uint64), indexing='ij')
    m = np.uint64(0xffffffff)
    v = ((t * np.uint64(73856093)) ^ (y * np.uint64(19349663)) ^ (x * np.uint64(83492791))
         ^ (ch * np.uint64(2654435761))) & m
    v = (v * np.uint64(2246822519)) & m
    return (v >> np.uint64(24)).astype(np.uint8)


# ----------------------------------------------------------------------------------------------------------
# Independent reference: C3D + MLP in float64 numpy.

def conv3d_same(x, w, b):
    """x (C, D, H, W), w (O, C, 3, 3, 3): cross-correlation, stride 1, zero padding 1."""
    c, d, h, wd = x.shape
    p = np.pad(x, ((0, 0), (1, 1), (1, 1), (1, 1)))
    out = np.zeros((w.shape[0], d, h, wd))
    for kd in range(3):
        for kh in range(3):
            for kw in range(3):
                patch = p[:, kd:kd + d, kh:kh + h, kw:kw + wd].reshape(c, -1)
                out += (w[:, :, kd, kh, kw] @ patch).reshape(out.shape)
    return out + b[:, None, None, None]


def maxpool(x, kd, kh, kw):
    c, d, h, w = x.shape
    x = x[:, :d - d % kd, :h - h % kh, :w - w % kw]
    return x.reshape(c, d // kd, kd, h // kh, kh, w // kw, kw).max(axis=(2, 4, 6))


def c3d_fc6(snippet, layers):
    """snippet (3, 16, 112, 112) float; layers = list of arrays as in c3d_model.pkl."""
    relu = lambda v: np.maximum(v, 0)
    x = snippet.astype(np.float64)
    pools = {0: (1, 2, 2), 1: (2, 2, 2), 3: (2, 2, 2), 5: (2, 2, 2)}
    for i in range(8):
        x = relu(conv3d_same(x, layers[2 * i].astype(np.float64), layers[2 * i + 1].astype(np.float64)))
        if i in pools:
            x = maxpool(x, *pools[i])
    x = np.pad(x, ((0, 0), (0, 0), (0, 1), (0, 1)))   # C3D pads H and W at the end only
    x = maxpool(x, 2, 2, 2)
    flat = x.reshape(-1)                              # C order over C, D, H, W
    return relu(flat @ layers[16].astype(np.float64) + layers[17])


def head_score(fc6, head):
    relu = lambda v: np.maximum(v, 0)
    h1 = relu(fc6 @ head[0] + head[1])
    h2 = relu(h1 @ head[2] + head[3])
    return (h2 @ head[4] + head[5])[0]


def snippets(frames, mean, start):
    """The release's get_snips: BGR, channels first, minus the mean, centre crop; and its mirror."""
    clip = frames[start:start + 16].astype(np.float32)[..., ::-1]      # RGB -> BGR
    snip = clip.transpose(3, 0, 1, 2) - mean                           # (3, 16, 128, 171), float32
    snip = snip[:, :, 8:120, 29:141]
    return snip, snip[:, :, :, ::-1]


# ----------------------------------------------------------------------------------------------------------

def make_model(rng, channels, fc6_out, fc7_out, fc8_out, head_sizes):
    layers = []
    cin = 3
    for cout in channels:
        layers.append((rng.standard_normal((cout, cin, 3, 3, 3)) * np.sqrt(2.0 / (27 * cin))).astype(np.float32))
        layers.append((rng.standard_normal(cout) * 0.1).astype(np.float32))
        cin = cout
    flat = channels[-1] * 1 * 4 * 4
    for n_in, n_out in ((flat, fc6_out), (fc6_out, fc7_out), (fc7_out, fc8_out)):
        layers.append((rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)).astype(np.float32))
        layers.append((rng.standard_normal(n_out) * 0.1).astype(np.float32))
    head = []
    n_in = fc6_out
    for n_out in head_sizes:
        head.append((rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)).astype(np.float32))
        head.append((rng.standard_normal(n_out) * 0.1).astype(np.float32))
        n_in = n_out
    return layers, head


def write_expected(out, layers, head, mean, frames):
    starts = list(range(0, len(frames) - 15, 8))
    fc6 = np.zeros((len(starts), 2, layers[16].shape[1]))
    scores = np.zeros((len(starts), 2))
    for i, s in enumerate(starts):
        for j, snip in enumerate(snippets(frames, mean, s)):
            fc6[i, j] = c3d_fc6(snip, layers)
            scores[i, j] = head_score(fc6[i, j], head)
    np.save(os.path.join(out, 'expected_fc6.npy'), fc6)          # float64: (snippet, orig/mirror, dim)
    np.save(os.path.join(out, 'expected_scores.npy'), scores)    # float64: (snippet, orig/mirror)
    return fc6, scores


def write_io_fixtures(out):
    """Small files that exercise the readers: dtypes, byte orders, memory orders, every pickle protocol."""
    base = (np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.5 - 3.0)
    np.save(os.path.join(out, 'io_f4_c.npy'), base.astype('<f4'))
    np.save(os.path.join(out, 'io_f8_big_fortran.npy'), np.asfortranarray(base.astype('>f8')))
    np.save(os.path.join(out, 'io_f2.npy'), base.astype('<f2'))
    np.save(os.path.join(out, 'io_i2_big.npy'), (base * 2).astype('>i2'))
    np.save(os.path.join(out, 'io_u1.npy'), (base * 2 + 6).astype('u1'))
    np.save(os.path.join(out, 'io_bool.npy'), base > 0)
    value = {'weights': [base.astype(np.float32), np.asfortranarray(base.astype('>f8'))],
             'name': 'c3d', 'blob': b'\x00\xffab', 'n': 2 ** 70, 'x': 1.25, 't': (1, None, True)}
    for proto in range(6):
        with open(os.path.join(out, 'io_protocol%d.pkl' % proto), 'wb') as f:
            pickle.dump(value, f, protocol=proto)
    # hostile and broken files
    with open(os.path.join(out, 'hostile_os_system.pkl'), 'wb') as f:
        f.write(b'\x80\x02cos\nsystem\nq\x00U\x06whoamiq\x01\x85q\x02Rq\x03.')
    with open(os.path.join(out, 'hostile_eval_protocol4.pkl'), 'wb') as f:
        f.write(b'\x80\x04\x8c\x08builtins\x8c\x04eval\x93\x8c\x061+1==2\x85R.')
    with open(os.path.join(out, 'hostile_popen_protocol0.pkl'), 'wb') as f:
        f.write(b'csubprocess\nPopen\n(S\'ls\'\ntR.')
    with open(os.path.join(out, 'hostile_newobj.pkl'), 'wb') as f:
        f.write(b'\x80\x02cnumpy\nndarray\nK\x02\x85\x81.')
    arr = np.empty(1, dtype=object)
    arr[0] = 'x'
    evil = npy_header('|O', (1,)) + b'\x80\x02cos\nsystem\nU\x02id\x85R.'
    with zipfile.ZipFile(os.path.join(out, 'hostile_npz_os_system.npz'), 'w') as z:
        z.writestr('arr_0.npy', evil)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--full':
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        rng = np.random.default_rng(2016)
        layers, head = make_model(rng, [64, 128, 256, 256, 512, 512, 512, 512], 4096, 4096, 487, [512, 128, 1])
        mean = (rng.random((3, 16, H, W)) * 255).astype(np.float32)
        np.save(os.path.join(out, 'snipplet_mean.npy'), mean)
    else:
        out = HERE
        rng = np.random.default_rng(5)
        layers, head = make_model(rng, [4, 6, 6, 6, 8, 8, 8, 8], 16, 12, 5, [10, 6, 1])
        mean = mean_value()
        write_io_fixtures(out)
        # broken variants of the real formats
        w = [head[0][:15], head[1], head[2], head[3], head[4], head[5]]       # h1.W has 15 rows, fc6 gives 16
        write_npz_object(os.path.join(out, 'broken_head_wrong_shape.npz'), w)
        np.save(os.path.join(out, 'broken_mean_wrong_size.npy'), mean[:, :, :8, :8].copy())
    frames = frame_pixels(N_FRAMES)
    pkl = py2_pickle(list(layers))
    with open(os.path.join(out, 'c3d_model.pkl'), 'wb') as f:
        f.write(pkl)
    if out == HERE:
        with open(os.path.join(out, 'broken_truncated.pkl'), 'wb') as f:
            f.write(pkl[:len(pkl) * 2 // 3])
    write_npz_object(os.path.join(out, 'video2gif_weights.npz'), head)
    # self-check: numpy itself reads the files back as the authors' code did
    back = pickle.loads(pkl, encoding='latin1')
    assert len(back) == 22 and all(np.array_equal(a, b) for a, b in zip(back, layers))
    back = np.load(os.path.join(out, 'video2gif_weights.npz'), allow_pickle=True, encoding='latin1')['arr_0']
    assert back.dtype == object and len(back) == 6 and all(np.array_equal(a, b) for a, b in zip(back, head))
    fc6, scores = write_expected(out, layers, head, mean, frames)
    print('fc6 per snippet/orientation (first values):', fc6[:, :, :3].tolist())
    print('scores:', scores.tolist())


if __name__ == '__main__':
    main()

"""A tiny neural network trained with Adam, written out in NumPy.

10 inputs -> 5 ReLU hidden units -> 2-class softmax, cross-entropy loss,
Adam (lr 0.01, betas 0.9/0.999, eps 1e-8), full-batch, fixed seed.

    python examples/tiny_network.py
    # or, from a test:  result = train(seed=0); result["test_accuracy"]
"""

from __future__ import annotations

import numpy as np

N_SAMPLES = 1000
N_FEATURES = 10
N_HIDDEN = 5
N_CLASSES = 2
N_TRAIN = 800
EPOCHS = 300
LEARNING_RATE = 0.01
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
REPORT_EVERY = 50


def make_data(rng: np.random.Generator):
    """Two classes separated by a curved boundary, with some label noise."""
    x = rng.normal(size=(N_SAMPLES, N_FEATURES))
    direction = rng.normal(size=N_FEATURES)
    score = x @ direction + 0.8 * x[:, 0] * x[:, 1] + rng.normal(scale=1.0, size=N_SAMPLES)
    y = (score > 0).astype(int)
    return x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:]


def init_params(rng: np.random.Generator) -> dict:
    return {
        "W1": rng.normal(scale=np.sqrt(2.0 / N_FEATURES), size=(N_FEATURES, N_HIDDEN)),
        "b1": np.zeros(N_HIDDEN),
        "W2": rng.normal(scale=np.sqrt(1.0 / N_HIDDEN), size=(N_HIDDEN, N_CLASSES)),
        "b2": np.zeros(N_CLASSES),
    }


def forward(params: dict, x: np.ndarray):
    z1 = x @ params["W1"] + params["b1"]          # z = sum_i w_i x_i + b, for every hidden unit
    a1 = np.maximum(z1, 0.0)                       # a = f(z) with f = ReLU
    z2 = a1 @ params["W2"] + params["b2"]
    z2 = z2 - z2.max(axis=1, keepdims=True)        # subtract the row maximum: same softmax, no overflow
    probs = np.exp(z2) / np.exp(z2).sum(axis=1, keepdims=True)
    return z1, a1, probs


def cross_entropy(probs: np.ndarray, y: np.ndarray) -> float:
    return float(-np.mean(np.log(probs[np.arange(len(y)), y] + 1e-12)))


def gradients(params: dict, x: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
    z1, a1, probs = forward(params, x)
    loss = cross_entropy(probs, y)
    d_z2 = probs.copy()
    d_z2[np.arange(len(y)), y] -= 1.0              # softmax + cross-entropy: p - one_hot(y)
    d_z2 /= len(y)
    d_a1 = d_z2 @ params["W2"].T
    d_z1 = d_a1 * (z1 > 0)                         # ReLU passes the gradient only where z > 0
    grads = {
        "W2": a1.T @ d_z2, "b2": d_z2.sum(axis=0),
        "W1": x.T @ d_z1, "b1": d_z1.sum(axis=0),
    }
    return loss, grads


def accuracy(params: dict, x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(forward(params, x)[2].argmax(axis=1) == y))


def correct_count(params: dict, x: np.ndarray, y: np.ndarray) -> int:
    return int(np.sum(forward(params, x)[2].argmax(axis=1) == y))


def train(seed: int = 0, verbose: bool = False) -> dict:
    rng = np.random.default_rng(seed)
    x_train, y_train, x_test, y_test = make_data(rng)
    params = init_params(rng)
    m = {k: np.zeros_like(p) for k, p in params.items()}  # first moment estimate
    v = {k: np.zeros_like(p) for k, p in params.items()}  # second raw moment estimate
    losses = []
    for t in range(1, EPOCHS + 1):                         # full batch: one Adam step per epoch
        loss, grads = gradients(params, x_train, y_train)  # loss before this epoch's update
        losses.append(loss)
        for k in params:
            g = grads[k]
            m[k] = BETA1 * m[k] + (1 - BETA1) * g
            v[k] = BETA2 * v[k] + (1 - BETA2) * g * g
            m_hat = m[k] / (1 - BETA1 ** t)  # bias correction
            v_hat = v[k] / (1 - BETA2 ** t)
            params[k] -= LEARNING_RATE * m_hat / (np.sqrt(v_hat) + EPS)
        if verbose and (t == 1 or t % REPORT_EVERY == 0):
            print(f"epoch {t:3d}  loss {loss:.4f}")
    return {
        "losses": losses,
        "train_accuracy": accuracy(params, x_train, y_train),
        "test_accuracy": accuracy(params, x_test, y_test),
        "train_correct": correct_count(params, x_train, y_train),
        "test_correct": correct_count(params, x_test, y_test),
        "n_train": len(y_train),
        "n_test": len(y_test),
    }


if __name__ == "__main__":
    result = train(seed=0, verbose=True)
    print(f"train accuracy {result['train_accuracy']} "
          f"({result['train_correct']} of {result['n_train']})")
    print(f"test accuracy  {result['test_accuracy']} "
          f"({result['test_correct']} of {result['n_test']})")

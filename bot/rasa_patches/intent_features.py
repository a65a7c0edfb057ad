"""Build the intent classifier's input matrix in one step.

Rasa's ``LogisticRegressionClassifier._create_X`` asks each message for its combined
sentence features (a deep copy, then one ``hstack`` per featurizer), wraps them in new
CSR matrices, ``hstack``s sparse with dense and ``vstack``s the rows: about 6 % of the
Rasa server's CPU per message. This collects the same sentence features (sparse ones in
pipeline order, then dense ones, as Rasa lays them out) as coordinates and builds the CSR
matrix once, so the classifier sees the same numbers and returns the same probabilities
(``tests/unit/test_rasa_patches.py`` compares them). Training is unchanged.
"""

from __future__ import annotations

from typing import Any, List, Tuple

import numpy as np
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import coo_matrix, csr_matrix

_original_create_X = LogisticRegressionClassifier._create_X


def _sentence_blocks(message: Message) -> List[coo_matrix]:
    """The message's sentence features of its text: sparse ones first, then dense ones, each in order."""
    features = [f for f in message.features if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
    sparse = [coo_matrix(f.features) for f in features if f.is_sparse()]
    return sparse + [coo_matrix(f.features) for f in features if f.is_dense()]


def _row(blocks: List[coo_matrix]) -> Tuple[Any, Any, int]:
    """Column indices and values of one message's row, and its width (-1 if a block is not one row)."""
    columns, values, width = [], [], 0
    for block in blocks:
        if block.shape[0] != 1:
            return columns, values, -1
        columns.append(block.col + width)
        values.append(block.data)
        width += block.shape[1]
    if not blocks:
        return np.zeros(0, dtype=np.int32), np.zeros(0), 0
    return np.concatenate(columns), np.concatenate(values), width


def _create_X(self: LogisticRegressionClassifier, messages: List[Message]) -> csr_matrix:
    """One CSR row per message, the same matrix as Rasa's ``hstack``/``vstack`` of its features."""
    rows = [_row(_sentence_blocks(message)) for message in messages]
    widths = {width for _, _, width in rows}
    if len(widths) != 1 or -1 in widths:  # none, mismatched or odd features: Rasa's own (and its errors)
        return _original_create_X(self, messages)
    lengths = [len(columns) for columns, _, _ in rows]
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    columns = np.concatenate([columns for columns, _, _ in rows])
    values = np.concatenate([values for _, values, _ in rows]).astype(np.float64)
    matrix = csr_matrix((values, columns, indptr), shape=(len(rows), widths.pop()))
    matrix.sum_duplicates()
    return matrix


def install() -> None:
    """Replace LogisticRegressionClassifier._create_X once."""
    if LogisticRegressionClassifier._create_X is not _create_X:
        LogisticRegressionClassifier._create_X = _create_X


__all__ = ["install"]

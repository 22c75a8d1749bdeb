//! Who a message goes to: the school, grades, classes or a family, expanded to guardians, each once with the children she gets it for.

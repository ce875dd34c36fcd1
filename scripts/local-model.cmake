# Included by scripts/local-model into llama.cpp's own CMake project (CMAKE_PROJECT_llama.cpp_INCLUDE,
# right after its project() call). llama-cpp-python forces LLAMA_BUILD_COMMON on, but its Python
# package loads only libllama and libggml*: llama.cpp's common/ library (and cpp-httplib under it)
# was 44% of the build's CPU time and is never used. A normal variable shadows the forced cache
# entry in llama.cpp's directory scope (option() honours it, policy CMP0077), so common/ is skipped.
set(LLAMA_BUILD_COMMON OFF)

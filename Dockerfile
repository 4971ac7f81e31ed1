# A small container image whose entrypoint is relbook. Build it with
#   docker build -t relbook --build-arg VERSION=v1.2.0 .
# and run it on the handbook repository in the current folder (mounted at
# /site; the handbook in content/, the site built into public/):
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" relbook check --strict --source content
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" relbook build --source content --out public
# A preview must listen on every address of the container:
#   docker run --rm -p 1313:1313 -v "$PWD:/site" relbook serve --source content --bind 0.0.0.0 --port 1313

FROM golang:1.26 AS build
ARG VERSION=devel
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/relbook ./cmd/relbook

# A static binary needs no C library and no shell; the zone data relbook
# needs is built into it.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/relbook /usr/local/bin/relbook
WORKDIR /site
ENTRYPOINT ["relbook"]
CMD ["--help"]

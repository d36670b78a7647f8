// Command verdicts reads documents (one JSON object per line: id, contentType, body in base64) and
// prints, one JSON line per document, what each Go implementation says about the same bytes:
// distribution 2.8 (the manifest PUT handler's unmarshal and the storage handlers' Put/verify against
// an in-memory repository), containers/image 5.23 (the manifest parsers a pull runs), image-spec's
// schema validator, go-digest's parser (for every digest in the document) and containerd's
// images.Children (what a pull runs on each manifest and index).
//
// It is built by test/differential/go-verdicts.ts in GOPATH mode from Debian's -dev source packages.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"

	"github.com/containerd/containerd/content"
	"github.com/containerd/containerd/images"
	cimanifest "github.com/containers/image/v5/manifest"
	"github.com/docker/distribution"
	_ "github.com/docker/distribution/manifest/manifestlist"
	_ "github.com/docker/distribution/manifest/ocischema"
	_ "github.com/docker/distribution/manifest/schema1"
	_ "github.com/docker/distribution/manifest/schema2"
	"github.com/docker/distribution/reference"
	"github.com/docker/distribution/registry/api/errcode"
	v2 "github.com/docker/distribution/registry/api/v2"
	"github.com/docker/distribution/registry/storage"
	"github.com/docker/distribution/registry/storage/driver/inmemory"
	"github.com/docker/libtrust"
	"github.com/opencontainers/go-digest"
	"github.com/opencontainers/image-spec/schema"
	ocispecv1 "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sirupsen/logrus"
)

type input struct {
	ID          string `json:"id"`
	ContentType string `json:"contentType"`
	Body        string `json:"body"`
}

// verdict is one implementation's answer: refused or not, the error codes it sends (registries),
// the HTTP status of the first one, and the error text.
type verdict struct {
	Refused bool     `json:"refused"`
	Status  int      `json:"status,omitempty"`
	Codes   []string `json:"codes,omitempty"`
	Error   string   `json:"error,omitempty"`
}

type digestVerdict struct {
	Digest string `json:"digest"`
	Error  string `json:"error,omitempty"`
}

type output struct {
	ID           string          `json:"id"`
	Distribution verdict         `json:"distribution"`
	Harbor       verdict         `json:"harbor"`
	ContainersIm verdict         `json:"containersImage"`
	Containerd   verdict         `json:"containerd"`
	ImageSpec    *verdict        `json:"imageSpec,omitempty"`
	Digests      []digestVerdict `json:"digests"`
}

var ctx = context.Background()

// newRegistry builds an in-memory registry configured as app.go configures it from a config file.
// distribution 2.8's defaults (Debian's docker-registry): validation enabled with no URL patterns,
// which app.go turns into the allow pattern "^$"; schema 1 disabled. Harbor's registry config:
// validation.disabled: true, compatibility.schema1.enabled: true.
func newRegistry(harbor bool) distribution.Namespace {
	key, err := libtrust.GenerateECP256PrivateKey()
	if err != nil {
		panic(err)
	}
	options := []storage.RegistryOption{storage.Schema1SigningKey(key), storage.EnableDelete}
	if harbor {
		options = append(options, storage.EnableSchema1)
	} else {
		options = append(options, storage.ManifestURLsAllowRegexp(regexp.MustCompile("^$")))
	}
	registry, err := storage.NewRegistry(ctx, inmemory.New(), options...)
	if err != nil {
		panic(err)
	}
	return registry
}

// putManifest is registry/handlers/manifests.go PutManifest from the unmarshal on: the same calls
// and the same mapping of errors to codes. Only MANIFEST_BLOB_UNKNOWN is left out, because the
// repository holds none of the blobs the document references.
func putManifest(registry distribution.Namespace, contentType string, body []byte) verdict {
	named, _ := reference.WithName("differential/test")
	repository, err := registry.Repository(ctx, named)
	if err != nil {
		panic(err)
	}
	manifests, err := repository.Manifests(ctx)
	if err != nil {
		panic(err)
	}
	manifest, _, err := distribution.UnmarshalManifest(contentType, body)
	if err != nil {
		return refused([]error{v2.ErrorCodeManifestInvalid.WithDetail(err)}, err)
	}
	_, err = manifests.Put(ctx, manifest, distribution.WithTag("differential"))
	if err == nil {
		return verdict{}
	}
	var errs []error
	if err == distribution.ErrUnsupported {
		errs = append(errs, errcode.ErrorCodeUnsupported)
	} else if err == distribution.ErrAccessDenied {
		errs = append(errs, errcode.ErrorCodeDenied)
	} else {
		switch err := err.(type) {
		case distribution.ErrManifestVerification:
			for _, verificationError := range err {
				switch verificationError := verificationError.(type) {
				case distribution.ErrManifestBlobUnknown:
					// the blob is absent from the empty repository: ignored
				case distribution.ErrManifestNameInvalid:
					errs = append(errs, v2.ErrorCodeNameInvalid.WithDetail(err))
				case distribution.ErrManifestUnverified:
					errs = append(errs, v2.ErrorCodeManifestUnverified)
				default:
					if verificationError == digest.ErrDigestInvalidFormat {
						errs = append(errs, v2.ErrorCodeDigestInvalid)
					} else {
						errs = append(errs, errcode.ErrorCodeUnknown.WithDetail(verificationError))
					}
				}
			}
			if len(errs) == 0 {
				return verdict{}
			}
		case errcode.Error:
			errs = append(errs, err)
		default:
			errs = append(errs, errcode.ErrorCodeUnknown.WithDetail(err))
		}
	}
	return refused(errs, err)
}

func refused(errs []error, cause error) verdict {
	v := verdict{Refused: true, Error: cause.Error()}
	for _, e := range errs {
		switch e := e.(type) {
		case errcode.Error:
			v.Codes = append(v.Codes, e.Code.String())
			if v.Status == 0 {
				v.Status = e.Code.Descriptor().HTTPStatusCode
			}
		case errcode.ErrorCode:
			v.Codes = append(v.Codes, e.String())
			if v.Status == 0 {
				v.Status = e.Descriptor().HTTPStatusCode
			}
		}
	}
	return v
}

// containersImage is what a pull with containers/image (podman, skopeo, buildah) does with a
// manifest it received with this Content-Type: manifest.NormalizedMIMEType, then the parser for
// that type (manifest.FromBlob for single manifests, the list parsers for lists and indexes).
func containersImage(contentType string, body []byte) verdict {
	mt := contentType
	if mt == "" {
		mt = cimanifest.GuessMIMEType(body)
	}
	var err error
	switch cimanifest.NormalizedMIMEType(mt) {
	case ocispecv1.MediaTypeImageManifest:
		_, err = cimanifest.OCI1FromManifest(body)
	case ocispecv1.MediaTypeImageIndex:
		_, err = cimanifest.OCI1IndexFromManifest(body)
	case cimanifest.DockerV2Schema2MediaType:
		_, err = cimanifest.Schema2FromManifest(body)
	case cimanifest.DockerV2ListMediaType:
		_, err = cimanifest.Schema2ListFromManifest(body)
	default:
		_, err = cimanifest.FromBlob(body, mt)
	}
	if err != nil {
		return verdict{Refused: true, Error: err.Error()}
	}
	return verdict{}
}

type memoryProvider struct{ data []byte }

type memoryReaderAt struct{ *bytes.Reader }

func (memoryReaderAt) Close() error  { return nil }
func (r memoryReaderAt) Size() int64 { return r.Reader.Size() }

func (p memoryProvider) ReaderAt(context.Context, ocispecv1.Descriptor) (content.ReaderAt, error) {
	return memoryReaderAt{bytes.NewReader(p.data)}, nil
}

// containerdChildren is what containerd's pull runs on every manifest and index it fetches:
// images.Children, with the descriptor typed by the Content-Type the registry sent.
func containerdChildren(contentType string, body []byte) verdict {
	desc := ocispecv1.Descriptor{MediaType: contentType, Digest: digest.FromBytes(body), Size: int64(len(body))}
	if _, err := images.Children(ctx, memoryProvider{body}, desc); err != nil {
		return verdict{Refused: true, Error: err.Error()}
	}
	return verdict{}
}

var schemaValidators = map[string]schema.Validator{
	ocispecv1.MediaTypeImageManifest: schema.ValidatorMediaTypeManifest,
	ocispecv1.MediaTypeImageIndex:    schema.ValidatorMediaTypeImageIndex,
	ocispecv1.MediaTypeImageConfig:   schema.ValidatorMediaTypeImageConfig,
	ocispecv1.MediaTypeDescriptor:    schema.ValidatorMediaTypeDescriptor,
}

func imageSpec(contentType string, body []byte) *verdict {
	validator, ok := schemaValidators[contentType]
	if !ok {
		return nil
	}
	if err := validator.Validate(bytes.NewReader(body)); err != nil {
		return &verdict{Refused: true, Error: err.Error()}
	}
	return &verdict{}
}

// digestStrings collects every string value of a member named "digest", at any depth.
func digestStrings(value interface{}, into []string) []string {
	switch value := value.(type) {
	case map[string]interface{}:
		for key, member := range value {
			if text, ok := member.(string); ok && key == "digest" {
				into = append(into, text)
			} else {
				into = digestStrings(member, into)
			}
		}
	case []interface{}:
		for _, member := range value {
			into = digestStrings(member, into)
		}
	}
	return into
}

func digests(body []byte) []digestVerdict {
	var document interface{}
	if json.Unmarshal(body, &document) != nil {
		return []digestVerdict{}
	}
	verdicts := []digestVerdict{}
	for _, text := range digestStrings(document, nil) {
		v := digestVerdict{Digest: text}
		if _, err := digest.Parse(text); err != nil {
			v.Error = err.Error()
		}
		verdicts = append(verdicts, v)
	}
	return verdicts
}

func main() {
	logrus.SetOutput(io.Discard)
	plain, harbor := newRegistry(false), newRegistry(true)
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	// image-spec's validator prints warnings with fmt.Printf: keep them off the answers.
	answers := os.Stdout
	os.Stdout = os.Stderr
	writer := bufio.NewWriter(answers)
	defer writer.Flush()
	encoder := json.NewEncoder(writer)
	for scanner.Scan() {
		var in input
		if err := json.Unmarshal(scanner.Bytes(), &in); err != nil {
			fmt.Fprintln(os.Stderr, "verdicts: bad input line:", err)
			os.Exit(2)
		}
		body, err := base64.StdEncoding.DecodeString(in.Body)
		if err != nil {
			fmt.Fprintln(os.Stderr, "verdicts: bad base64 in", in.ID, err)
			os.Exit(2)
		}
		out := output{
			ID:           in.ID,
			Distribution: putManifest(plain, in.ContentType, body),
			Harbor:       putManifest(harbor, in.ContentType, body),
			ContainersIm: containersImage(in.ContentType, body),
			Containerd:   containerdChildren(in.ContentType, body),
			ImageSpec:    imageSpec(in.ContentType, body),
			Digests:      digests(body),
		}
		if err := encoder.Encode(out); err != nil {
			panic(err)
		}
	}
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "verdicts:", err)
		os.Exit(2)
	}
}
